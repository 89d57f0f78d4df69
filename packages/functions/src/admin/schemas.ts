/**
 * The zod schemas of the admin rate-limit routes: the body of `PUT` and the
 * status both routes answer.
 */
import * as z from 'zod';

export const rateLimitModeBody = z.strictObject({
  mode: z.enum(['strict', 'normal']),
  /** How long the manual mode holds; default: the configured cool-down. */
  durationSeconds: z
    .number()
    .int()
    .min(1)
    .max(7 * 86400)
    .optional()
    .meta({ description: 'How long the manual mode holds; default `RATE_LIMIT_STRICT_COOLDOWN_SECONDS`.' }),
});

const policy = z.object({ name: z.enum(['auth', 'api', 'uploads', 'loginFailures']), limit: z.number().int(), windowSeconds: z.number().int() });
const epochMs = z.number().int().meta({ description: 'Epoch milliseconds.' });

export const rateLimitStatus = z
  .object({
    limiter: z.object({ store: z.enum(['redis', 'memory']), degraded: z.boolean(), since: epochMs.optional() }),
    strictMode: z.object({
      mode: z.enum(['strict', 'normal']),
      reason: z.enum(['auto', 'manual']).optional(),
      until: epochMs.optional(),
      signals: z.object({
        windowSeconds: z.number().int(),
        count: z.number().int(),
        threshold: z.number().int(),
        clients: z.number().int(),
        minClients: z.number().int(),
        perClientCap: z.number().int(),
      }),
    }),
    policies: z.object({ auth: policy, api: policy, uploads: policy, loginFailures: policy }),
    strictFactor: z.number(),
  })
  .meta({ id: 'RateLimitStatus', description: "The fleet's mode, this window's signals, the policies and this instance's store." });
