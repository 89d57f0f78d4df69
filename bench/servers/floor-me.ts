/**
 * The same-work floor of `users/me`: bare node:http doing only that route's
 * essential work — verify the token with jose, one `findOne` with the driver,
 * one Redis `INCR` over RESP (the limit count) — and nothing else. The
 * physical limit for the route on this machine; `users/me` is reported as a ratio of it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import IORedis from 'ioredis';
import { importSPKI, jwtVerify } from 'jose';
import { MongoClient, ObjectId } from 'mongodb';
import { exitWithParent, ready } from '../lib/child';

const env = process.env as Record<string, string>;
const client = await new MongoClient(env.MONGODB_URI!).connect();
const users = client.db(env.MONGODB_DB ?? 'nocturnal').collection('users');
const key = await importSPKI(env.JWT_PUBLIC_PEM!, 'ES256');
const redis = env.REDIS_URL ? new IORedis(env.REDIS_URL) : undefined;

const server = createServer(async (req, res) => {
  try {
    const { payload } = await jwtVerify((req.headers.authorization ?? '').replace(/^Bearer /, ''), key, { issuer: 'nocturnal-api', audience: 'nocturnal-api' });
    if (redis) await redis.incr(`floor:${payload.sub}`);
    const user = await users.findOne({ _id: new ObjectId(String(payload.sub)) });
    const body = JSON.stringify(user ? { id: user._id.toHexString(), email: user.email, role: user.role } : { error: 'not found' });
    res.writeHead(user ? 200 : 404, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
  } catch {
    res.writeHead(401).end();
  }
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => ready({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
exitWithParent(async () => {
  server.close();
  redis?.disconnect();
  await client.close();
});
