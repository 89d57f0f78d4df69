import * as z from 'zod';
import type { OperationSpecs } from '../spec';

const text = (description: string) => z.string().meta({ description });

export const docsOperations: OperationSpecs = {
  openapi: {
    tag: 'Documentation',
    summary: 'This document (OpenAPI 3.1)',
    description: 'Generated from the route table and the zod schemas that validate requests; `npm run openapi` writes the same document to a file.',
    responses: {
      200: {
        description: 'The OpenAPI document.',
        schema: z.looseObject({ openapi: z.string().regex(/^3\.1\./), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) }).meta({ id: 'OpenApiDocument' }),
        headers: ['Cache-Control'],
      },
    },
  },
  'docs-page': {
    tag: 'Documentation',
    summary: 'The interactive API reference (Swagger UI)',
    description: 'Every asset is served by the API itself: the page makes no request to any other origin (no CDN, no fonts, no validator badge).',
    responses: { 200: { description: 'The page.', contentType: 'text/html', schema: text('An HTML page.') } },
  },
  'docs-script': {
    tag: 'Documentation',
    summary: "The docs page's script",
    description: "`swagger-ui-bundle.js` from swagger-ui-dist, then this page's initialiser.",
    responses: { 200: { description: 'JavaScript.', contentType: 'text/javascript', schema: text('JavaScript.'), headers: ['Cache-Control'] } },
  },
  'docs-style': {
    tag: 'Documentation',
    summary: "The docs page's style sheet",
    description: '`swagger-ui.css` from swagger-ui-dist.',
    responses: { 200: { description: 'CSS.', contentType: 'text/css', schema: text('CSS.'), headers: ['Cache-Control'] } },
  },
};
