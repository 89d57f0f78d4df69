/** Shared pieces of the auth integration suites. */
import { MongoClient } from 'mongodb';
import type { Role } from '../../packages/core/src/auth/roles';
import { mongoUserRepository } from '../../packages/core/src/users/users.mongo';
import type { TestApi, TestResponse } from './api';

/** Budgets so large that the auth suites never meet a 429 (the rate-limit suites test those). */
export const NO_RATE_LIMITS: Record<string, string> = {
  RATE_LIMIT_AUTH: '100000/1m',
  RATE_LIMIT_API: '100000/1m',
  RATE_LIMIT_LOGIN_FAILURES: '100000/1m',
  RATE_LIMIT_STRICT_THRESHOLD: '100000000',
};

export const PASSWORD = 'correct-horse-battery';
let seq = 0;
export const uniqueEmail = (tag = 'user') => `${tag}${++seq}-${process.pid}@example.com`;

/** Registers a user and returns the session body; fails loudly on anything but 201. */
export async function registerUser(api: TestApi, email = uniqueEmail(), password = PASSWORD): Promise<any> {
  const res = await api.request('POST', '/api/v1/auth/register', { body: { email, password } });
  if (res.status !== 201) throw new Error(`register ${email}: ${res.status} ${res.text}`);
  return res.body;
}

export async function loginUser(api: TestApi, email: string, password = PASSWORD): Promise<any> {
  const res = await api.request('POST', '/api/v1/auth/login', { body: { email, password } });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${res.text}`);
  return res.body;
}

/** Sets a role straight through the repository (what the promote-admin script does). */
export async function setRole(api: TestApi, userId: string, role: Role): Promise<void> {
  const client = await new MongoClient(api.env.MONGODB_URI!).connect();
  try {
    await mongoUserRepository(client.db(process.env.MONGODB_DB ?? 'nocturnal')).update(userId, { role }, new Date());
  } finally {
    await client.close();
  }
}

/** A registered admin with a token that carries the admin role. */
export async function createAdmin(api: TestApi): Promise<any> {
  const { user } = await registerUser(api, uniqueEmail('admin'));
  await setRole(api, user.id, 'admin');
  return loginUser(api, user.email);
}

/** The problem document without what differs per request. */
export function comparable(res: TestResponse): unknown {
  const { requestId: _r, instance: _i, ...rest } = res.body ?? {};
  return { status: res.status, contentType: res.headers.get('content-type'), body: rest };
}
