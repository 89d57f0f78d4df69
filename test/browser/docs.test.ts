/**
 * The docs page in a real browser: headless Chromium loads /docs from the
 * API, Swagger UI renders the document it fetched from /openapi.json, every
 * row of the route table is listed as an operation, and no request goes to
 * any origin but the API's (no CDN, fonts, validator badge or telemetry).
 * The screenshots land in .ci/out/browser/ (git-ignored); the README shows a
 * copy of the small one, docs/api-reference.png. Under CI=true a missing Chromium fails.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { routes } from '../../packages/functions/src/routes';
import { startTestApi, type TestApi } from '../helpers/api';
import { launchChromium, skipWithoutChromium } from './chromium';

const OUT = new URL('../../.ci/out/browser/', import.meta.url);

let api: TestApi;
let browser: Browser;

describe.skipIf(skipWithoutChromium)('the docs page', () => {
  beforeAll(async () => {
    api = await startTestApi();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('lists every operation of the route table, with requests to its own origin only', async () => {
    const tab = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const requested: string[] = [];
    const problems: string[] = [];
    tab.on('request', (r) => requested.push(r.url()));
    tab.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    tab.on('pageerror', (e) => problems.push(e.message));

    const page = await tab.goto(`${api.url}/docs`);
    expect(page?.status()).toBe(200);
    await tab.waitForSelector('body[data-docs="ready"]', { state: 'attached', timeout: 20_000 });
    await tab.waitForSelector('.opblock');

    const listed = await tab.$$eval('.opblock', (blocks) =>
      blocks.map((b) => [
        b.querySelector('.opblock-summary-method')?.textContent?.trim(),
        b.querySelector('.opblock-summary-path')?.getAttribute('data-path'),
        b.querySelector('.opblock-summary-operation-id')?.textContent?.trim(),
      ]),
    );
    const rows = routes.filter((r) => r.path !== '$default').map((r) => [r.method, r.path, r.id]);
    expect(listed.map((l) => l.join(' ')).sort()).toEqual(rows.map((r) => r.join(' ')).sort());
    expect(await tab.textContent('.info .title')).toContain('Nocturnal API');

    const origins = new Set(requested.map((u) => (u.startsWith('data:') ? 'data:' : new URL(u).origin)));
    expect([...origins].filter((o) => o !== 'data:')).toEqual([api.url]);
    expect(requested.map((u) => new URL(u).pathname).filter((p) => p !== '/')).toEqual(
      expect.arrayContaining(['/docs', '/docs/swagger-ui.css', '/docs/swagger-ui.js', '/openapi.json']),
    );
    expect(problems).toEqual([]);

    mkdirSync(OUT, { recursive: true });
    await tab.screenshot({ path: new URL('docs.png', OUT).pathname });
    await tab.close();
  }, 60_000);

  it("takes the README's small screenshot: the Files operations", async () => {
    const tab = await browser.newPage({ viewport: { width: 1000, height: 640 }, deviceScaleFactor: 0.7 });
    await tab.goto(`${api.url}/docs`);
    await tab.waitForSelector('#operations-tag-Files');
    await tab.$eval('#operations-tag-Files', (tag) => tag.scrollIntoView());
    mkdirSync(OUT, { recursive: true });
    // Copied by hand to docs/api-reference.png when the page changes.
    await tab.screenshot({ path: new URL('api-reference.png', OUT).pathname });
    await tab.close();
  }, 30_000);
});
