/**
 * Records the answers of the APIs under contract (every `startTestApi`):
 * replies to the tests' HTTP client (`http.ts`) and to `fetch`. After each
 * test file, `contract-setup.ts` checks them all against the OpenAPI document
 * and fails the file on any violation.
 */
import type { Exchange } from './contract';

const origins = new Set<string>();
const exchanges: Exchange[] = [];
const pending: Promise<void>[] = [];

/** Answers from `url`'s origin are recorded from now on. */
export function underContract(url: string): void {
  origins.add(new URL(url).origin);
}

export function isUnderContract(url: string): boolean {
  try {
    return origins.has(new URL(url).origin);
  } catch {
    return false;
  }
}

export function record(exchange: Exchange): void {
  if (isUnderContract(exchange.url)) exchanges.push(exchange);
}

/** A `fetch` answer: its body is read from a clone, so the test still reads its own. */
export function recordFetch(method: string, url: string, response: Response): void {
  if (!isUnderContract(url)) return;
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  pending.push(
    response
      .clone()
      .text()
      .then((text) => void exchanges.push({ method, url, status: response.status, headers, text }))
      .catch(() => undefined),
  );
}

/** Everything recorded so far (awaits the fetch bodies still being read). */
export async function recorded(): Promise<Exchange[]> {
  await Promise.all(pending);
  return exchanges;
}
