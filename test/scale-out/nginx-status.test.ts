/**
 * Nginx's stub_status on a real Nginx rendered from the project's template:
 * the internal listener answers it (to allowed addresses only), and the
 * public listeners never do — HTTPS answers the path with the API's
 * problem+json 404, plain HTTP redirects as for any path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS_PATH } from '../../packages/server/src/container/nginx-config';
import { request } from '../helpers/http';
import { findNginx, freePort, hasStubStatus, startNginx, type RunningNginx } from './nginx';

const bin = findNginx();
const CI = process.env.CI === 'true';

it.runIf(CI)('CI has nginx, built with stub_status', () => {
  expect(bin).not.toBeNull();
  expect(hasStubStatus(bin!)).toBe(true);
});

describe.skipIf(bin === null || !hasStubStatus(bin))('Nginx stub_status', () => {
  let nginx: RunningNginx;
  beforeAll(async () => {
    // Nothing listens upstream: neither the status listener nor the public 404 may proxy.
    nginx = await startNginx(bin!, { upstreams: [`127.0.0.1:${await freePort()}`], statusAllow: ['127.0.0.1'] });
  });
  afterAll(() => nginx?.stop());

  /** `server accepts handled requests` → the three numbers. */
  const counters = (text: string) => /^\s*(\d+) (\d+) (\d+)\s*$/m.exec(text)!.slice(1).map(Number);

  it('the internal listener serves the counters', async () => {
    const first = await request('GET', `${nginx.statusUrl}${STATUS_PATH}`);
    const second = await request('GET', `${nginx.statusUrl}${STATUS_PATH}`);

    expect(first.status).toBe(200);
    expect(first.text).toMatch(/^Active connections: \d+/);
    expect(first.text).toContain('server accepts handled requests');
    expect(first.text).toMatch(/Reading: \d+ Writing: \d+ Waiting: \d+/);
    // Each read is itself a request Nginx counts.
    expect(counters(second.text)[2]).toBeGreaterThan(counters(first.text)[2]!);
  });

  it('the internal listener serves nothing else', async () => {
    expect((await request('GET', `${nginx.statusUrl}/`)).status).toBe(404);
    expect((await request('GET', `${nginx.statusUrl}/api/v1/health`)).status).toBe(404);
  });

  it('an address outside the allowed ones is refused (403)', async () => {
    const refused = await request('GET', `${nginx.statusUrl}${STATUS_PATH}`, { from: '127.0.0.2' });

    expect(refused.status).toBe(403);
    expect(refused.text).not.toContain('Active connections');
  });

  it('HTTPS (public) answers the path with a problem+json 404 from the edge, with the security headers', async () => {
    const reply = await request('GET', `${nginx.httpsUrl}${STATUS_PATH}`, { ca: nginx.ca });

    expect(reply.status).toBe(404);
    expect(reply.headers['content-type']).toBe('application/problem+json');
    expect(reply.body).toMatchObject({ status: 404, code: 'NOT_FOUND', title: 'Not found' });
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.text).not.toContain('Active connections');
    // Answered by the edge: no upstream was tried.
    expect(reply.headers['x-upstream']).toBeUndefined();
  });

  it('plain HTTP (public) redirects the path to HTTPS, as any path', async () => {
    const reply = await request('GET', `${nginx.httpUrl}${STATUS_PATH}`);

    expect(reply.status).toBe(301);
    expect(reply.headers.location).toBe(`${nginx.httpsUrl}${STATUS_PATH}`);
  });
});
