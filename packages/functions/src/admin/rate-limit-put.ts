import { reply } from '../openapi/reply';
import { route } from '../route';
import { rateLimits } from '../clients/rate-limit';
import { rateLimitModeBody, rateLimitStatus } from './schemas';

/** Sets strict (or normal) mode by hand for every instance. */
export const handler = route(
  'admin-rate-limit-put',
  async ({ runtime, body: input, auth, log }) => {
    const service = runtime.get(rateLimits);
    await service.setMode(input.mode, input.durationSeconds);
    log.warn('rate-limit mode changed by an admin', { by: auth?.userId, mode: input.mode });
    return reply(rateLimitStatus, 200, await service.status());
  },
  { body: rateLimitModeBody },
);
