import { anonymousRoute } from '../anonymous-route';
import { DOCS_CSP, DOCS_PAGE } from './page-html';

/** `GET /docs` → the interactive API reference (its own CSP: scripts, styles and requests from this origin only). */
export const handler = anonymousRoute('docs-page', async () => ({
  status: 200,
  body: DOCS_PAGE,
  headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': DOCS_CSP },
}));
