/**
 * Vitest setup for every test file: records what the APIs under contract
 * answer and, after the file, fails it when an answer breaks the OpenAPI
 * document. Files that start no API record nothing and load no document.
 */
import { afterAll } from 'vitest';
import { record, recordFetch, recorded } from './contract-recorder';
import { observeReplies } from './http';

observeReplies((reply) => record(reply));

const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const response = await realFetch(input, init);
  const url = input instanceof Request ? input.url : String(input);
  recordFetch((init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase(), url, response);
  return response;
};

afterAll(async () => {
  const exchanges = await recorded();
  if (exchanges.length === 0) return;
  const [{ contractChecker }, { apiDocument }] = await Promise.all([import('./contract'), import('../../packages/functions/src/openapi/document')]);
  const check = contractChecker(apiDocument());
  const violations = [...new Set(exchanges.flatMap(check))];
  if (violations.length > 0) {
    const listed = violations.slice(0, 15).map((v) => `  - ${v}`).join('\n');
    throw new Error(`${violations.length} answer(s) break the OpenAPI document (packages/functions/src/openapi):\n${listed}${violations.length > 15 ? `\n  … and ${violations.length - 15} more` : ''}`);
  }
});
