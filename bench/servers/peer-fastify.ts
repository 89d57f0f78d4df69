/**
 * The second peer, what a self-hosting team would pick instead: Fastify, JWT
 * verification with jose (the same ES256 token), `@fastify/rate-limit` (its
 * memory store, or its Redis store over ioredis when `REDIS_URL` is set) and
 * the same MongoDB read, serving the same two routes.
 */
import type { AddressInfo } from 'node:net';
import rateLimit from '@fastify/rate-limit';
import Fastify from 'fastify';
import IORedis from 'ioredis';
import { importSPKI, jwtVerify } from 'jose';
import { MongoClient, ObjectId } from 'mongodb';
import { exitWithParent, ready } from '../lib/child';

const env = process.env as Record<string, string>;
const client = await new MongoClient(env.MONGODB_URI!).connect();
const users = client.db(env.MONGODB_DB ?? 'nocturnal').collection('users');
const key = await importSPKI(env.JWT_PUBLIC_PEM!, 'ES256');
const redis = env.REDIS_URL ? new IORedis(env.REDIS_URL, { maxRetriesPerRequest: 1 }) : undefined;

const app = Fastify({ logger: false });
await app.register(rateLimit, { global: false, ...(redis ? { redis } : {}) });
app.decorateRequest('sub', '');
app.get('/health', async () => ({ status: 'ok' }));
app.get(
  '/api/v1/users/me',
  {
    onRequest: async (req, reply) => {
      try {
        const { payload } = await jwtVerify((req.headers.authorization ?? '').replace(/^Bearer /, ''), key, { issuer: 'nocturnal-api', audience: 'nocturnal-api' });
        (req as unknown as { sub: string }).sub = String(payload.sub);
      } catch {
        return reply.code(401).send({ error: 'invalid token' });
      }
    },
    config: { rateLimit: { max: 1_000_000, timeWindow: 3_600_000, keyGenerator: (req) => (req as unknown as { sub: string }).sub } },
  },
  async (req, reply) => {
    const user = await users.findOne({ _id: new ObjectId((req as unknown as { sub: string }).sub) });
    if (!user) return reply.code(404).send({ error: 'not found' });
    if (user.disabled) return reply.code(403).send({ error: 'disabled' });
    const { _id, email, name, role, disabled, createdAt, updatedAt } = user;
    return { id: _id.toHexString(), email, name, role, disabled, createdAt, updatedAt };
  },
);
await app.listen({ port: 0, host: '127.0.0.1' });
app.server.keepAliveTimeout = 65_000;
ready({ url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` });
exitWithParent(async () => {
  await app.close();
  redis?.disconnect();
  await client.close();
});
