/**
 * Liveness, readiness and the JWKS: rows whose handlers belong to the
 * platform side, described here from what they answer.
 */
import * as z from 'zod';
import type { OperationSpecs } from '../spec';

const check = z.looseObject({ status: z.enum(['ok', 'degraded', 'down']), latencyMs: z.number() });

export const readiness = z
  .object({ status: z.enum(['ok', 'degraded', 'down']), checks: z.object({ mongo: check, bucket: check, rateLimit: check }) })
  .meta({ id: 'Readiness', description: 'Each dependency checked in parallel (1.5 s timeout each). No connection strings or secrets.' });

export const publicJwk = z
  .object({
    kty: z.enum(['OKP', 'EC']),
    crv: z.enum(['Ed25519', 'P-256']),
    x: z.string(),
    y: z.string().optional(),
    kid: z.string(),
    alg: z.enum(['EdDSA', 'Ed25519', 'ES256']),
    use: z.literal('sig'),
  })
  .meta({ id: 'PublicJwk' });

export const systemOperations: OperationSpecs = {
  'health-live': {
    tag: 'Health',
    summary: 'Liveness',
    description: 'No dependency calls: always cheap.',
    responses: { 200: { description: 'The process answers.', schema: z.object({ status: z.literal('ok') }) } },
  },
  'health-ready': {
    tag: 'Health',
    summary: 'Readiness',
    description: 'MongoDB and the bucket are required; the rate-limit store is not (without it the API limits per instance and reports `degraded`).',
    responses: {
      200: { description: '`ok`, or `degraded`.', schema: readiness },
      503: { description: 'A required dependency is down (the same report).', schema: readiness },
    },
  },
  jwks: {
    tag: 'System',
    summary: 'The public keys of our access tokens (JWKS)',
    description: 'Current and previous keys (rotation keeps the previous one at least the cache time). Verify with `typ: at+jwt`, `iss` and `aud` `nocturnal-api`, algorithms EdDSA or ES256.',
    responses: {
      200: {
        description: 'The public JWK set.',
        contentType: 'application/jwk-set+json',
        schema: z.object({ keys: z.array(publicJwk) }).meta({ id: 'Jwks' }),
        headers: ['Cache-Control'],
      },
    },
  },
};
