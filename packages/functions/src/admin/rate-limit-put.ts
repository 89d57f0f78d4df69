import * as z from 'zod';
import { json, route } from '../route';
import { rateLimits } from '../clients/rate-limit';

const body = z.strictObject({
  mode: z.enum(['strict', 'normal']),
  /** How long the manual mode holds; default: the configured cool-down. */
  durationSeconds: z.number().int().min(1).max(7 * 86400).optional(),
});

/** Sets strict (or normal) mode by hand for every instance. */
export const handler = route(
  'admin-rate-limit-put',
  async ({ runtime, body: input, auth, log }) => {
    const service = runtime.get(rateLimits);
    await service.setMode(input.mode, input.durationSeconds);
    log.warn('rate-limit mode changed by an admin', { by: auth?.userId, mode: input.mode });
    return json(200, await service.status());
  },
  { body },
);
