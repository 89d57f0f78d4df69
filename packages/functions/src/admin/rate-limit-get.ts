import { reply } from '../openapi/reply';
import { route } from '../route';
import { rateLimits } from '../clients/rate-limit';
import { rateLimitStatus } from './schemas';

/** The fleet's rate-limit mode, signal counters, policies and this instance's store. */
export const handler = route('admin-rate-limit-get', async ({ runtime }) => reply(rateLimitStatus, 200, await runtime.get(rateLimits).status()));
