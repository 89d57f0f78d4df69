/**
 * The peer: the stack the old API used (Express + jsonwebtoken +
 * express-rate-limit with its memory store + the MongoDB driver), serving the
 * same two routes. Same token (ES256), same stand-in database, same users.
 */
import type { AddressInfo } from 'node:net';
import express, { type Request, type RequestHandler } from 'express';
import jwt from 'jsonwebtoken';
import { rateLimit } from 'express-rate-limit';
import { MongoClient, ObjectId } from 'mongodb';
import { exitWithParent, ready } from '../lib/child';

const env = process.env as Record<string, string>;
const client = await new MongoClient(env.MONGODB_URI!).connect();
const users = client.db(env.MONGODB_DB ?? 'nocturnal').collection('users');
const verifyOptions = { algorithms: ['ES256'], issuer: 'nocturnal-api', audience: 'nocturnal-api' };

const authenticate: RequestHandler = (req, res, next) => {
  const header = req.headers.authorization ?? '';
  try {
    const claims = jwt.verify(header.replace(/^Bearer /, ''), env.JWT_PUBLIC_PEM!, verifyOptions);
    if (typeof claims === 'string' || typeof claims.sub !== 'string') throw new Error('no subject');
    req.user = { sub: claims.sub };
    next();
  } catch {
    res.status(401).json({ error: 'invalid token' });
  }
};
const limit = rateLimit({
  windowMs: 60 * 60 * 1000,
  limit: 1_000_000,
  standardHeaders: 'draft-8',
  legacyHeaders: false,
  keyGenerator: (req: Request) => req.user!.sub,
});

const app = express();
app.use(express.json());
app.get('/health', (_req, res) => res.json({ status: 'ok' }));
app.get('/api/v1/users/me', authenticate, limit, async (req, res, next) => {
  try {
    const user = await users.findOne({ _id: new ObjectId(req.user!.sub) });
    if (!user) return res.status(404).json({ error: 'not found' });
    if (user.disabled) return res.status(403).json({ error: 'disabled' });
    const { _id, email, name, role, disabled, createdAt, updatedAt } = user;
    res.json({ id: _id.toHexString(), email, name, role, disabled, createdAt, updatedAt });
  } catch (error) {
    next(error);
  }
});
const server = app.listen(0, '127.0.0.1', () => ready({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
server.keepAliveTimeout = 65_000;
exitWithParent(() => client.close());
