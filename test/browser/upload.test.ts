/**
 * In a real browser: headless Chromium loads a page from one loopback origin
 * that signs in to the API (another origin), gets a presigned URL, PUTs a file
 * to the bucket (a third origin) with fetch and completes it. That proves CORS
 * for both the API and the bucket. Under CI=true a missing Chromium fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestApi, type TestApi } from '../helpers/api';
import { launchChromium, skipWithoutChromium } from './chromium';
import { NO_RATE_LIMITS, PASSWORD, uniqueEmail } from '../helpers/auth';
import { servePage, type PageServer } from './upload-page';


let page: PageServer;
let api: TestApi;
let browser: Browser;

describe.skipIf(skipWithoutChromium)('uploading from a web page', () => {
  beforeAll(async () => {
    page = await servePage();
    api = await startTestApi({ ...NO_RATE_LIMITS, RATE_LIMIT_UPLOADS: '1000/1m', CORS_ORIGINS: page.origin });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await page?.close();
  });

  it('registers, uploads straight to the bucket with fetch, completes, and the file is ready', async () => {
    const tab = await browser.newPage();
    const failures: string[] = [];
    tab.on('console', (m) => m.type() === 'error' && failures.push(m.text()));
    await tab.goto(`${page.origin}/`);
    await tab.waitForSelector('body[data-ready="yes"]', { state: 'attached' });
    const text = `bytes from Chromium ${Date.now()}`;

    const result = await tab.evaluate(
      ([apiUrl, email, password, body]) => (globalThis as any).runUpload(apiUrl, email, password, body),
      [api.url, uniqueEmail('browser'), PASSWORD, text] as const,
    );

    expect(failures).toEqual([]);
    expect(result).toMatchObject({ created: 201, put: 200, complete: 200, downloaded: text });
    const check = await api.request('GET', `/api/v1/files/${result.fileId}`, { token: result.token });
    expect(check.status).toBe(200);
    expect(check.body.file).toMatchObject({ status: 'ready', filename: 'from-the-browser.txt', size: new TextEncoder().encode(text).byteLength });
    await tab.close();
  }, 60_000);

  it('is blocked by CORS when the page comes from an origin the API does not allow', async () => {
    const tab = await browser.newPage();
    // Same server, another origin: `localhost` is not `127.0.0.1` to a browser.
    await tab.goto(`${page.origin.replace('127.0.0.1', 'localhost')}/`);

    const outcome = await tab.evaluate(async (url) => {
      try {
        await fetch(`${url}/api/v1/files`, { headers: { authorization: 'Bearer x' } });
        return 'allowed';
      } catch {
        return 'blocked';
      }
    }, api.url);

    expect(outcome).toBe('blocked');
    await tab.close();
  }, 30_000);
});
