import { json, route } from '../http';
import { getRateLimits } from '../clients/rate-limit';

/** The fleet's rate-limit mode, signal counters, policies and this instance's store. */
export const handler = route('admin-rate-limit-get', async () => json(200, await getRateLimits().status()));
