import { json, route } from '../route';
import { rateLimits } from '../clients/rate-limit';

/** The fleet's rate-limit mode, signal counters, policies and this instance's store. */
export const handler = route('admin-rate-limit-get', async ({ runtime }) => json(200, await runtime.get(rateLimits).status()));
