/**
 * The contract check: every answer the suite receives from an API started by
 * `startTestApi` is held to the OpenAPI document. The answer's route is found
 * with the route table's own router (so `$default` answers are checked against
 * `x-default-route`), then its status must be declared for that operation, its
 * content type and body must match the declared media type and schema, and
 * every declared header must be present when required and well-formed when sent.
 *
 * @example
 * const violations = checkExchange(doc, { method: 'GET', url, status: 200, headers, text });
 */
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import { createRouter } from '../../packages/functions/src/router';
import { routes } from '../../packages/functions/src/routes';

export interface Exchange {
  method: string;
  url: string;
  status: number;
  /** Lower-cased names. */
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

type Json = Record<string, any>;

/** A checker bound to one document: compiled schemas are reused across exchanges. */
export function contractChecker(doc: Json): (exchange: Exchange) => string[] {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, unicodeRegExp: false });
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  ajv.addFormat('email', /^[^\s@]+@[^\s@]+$/);
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addSchema(doc, 'doc');
  const compiled = new Map<string, ValidateFunction>();
  const validatorAt = (pointer: string) => {
    let fn = compiled.get(pointer);
    if (!fn) compiled.set(pointer, (fn = ajv.compile({ $ref: `doc#${pointer}` })));
    return fn;
  };
  const route = createRouter(routes);
  const operations = new Map<string, { pointer: string; op: Json }>();
  for (const [path, item] of Object.entries<Json>(doc.paths)) {
    for (const [method, op] of Object.entries<Json>(item)) operations.set(op.operationId, { pointer: `/paths/${esc(path)}/${method}`, op });
  }
  const resolve = (node: Json, pointer: string): { node: Json; pointer: string } => {
    if (!node.$ref) return { node, pointer };
    const target = (node.$ref as string).slice(1);
    return { node: target.split('/').slice(1).reduce((n: Json, k) => n[unesc(k)], doc), pointer: target };
  };

  return (ex) => {
    const where = `${ex.method} ${safePath(ex.url)} → ${ex.status}`;
    const match = pathOf(ex.url) === undefined ? undefined : route(ex.method, pathOf(ex.url)!);
    const id = match?.route.id ?? 'fallback';
    const found = match && match.route.path !== '$default' ? operations.get(id) : { pointer: '/x-default-route', op: doc['x-default-route'] };
    if (!found?.op) return [`${where}: route "${id}" has no operation in the document`];
    const declared = found.op.responses?.[String(ex.status)];
    if (!declared) return [`${where} (${id}): status ${ex.status} is not declared (declared: ${Object.keys(found.op.responses ?? {}).join(', ')})`];
    const { node: response, pointer } = resolve(declared, `${found.pointer}/responses/${ex.status}`);
    const problems: string[] = [];
    const header = (name: string) => [ex.headers[name.toLowerCase()] ?? []].flat()[0];

    for (const [name, raw] of Object.entries<Json>(response.headers ?? {})) {
      const { node: h, pointer: hp } = resolve(raw, `${pointer}/headers/${esc(name)}`);
      const value = header(name);
      if (value === undefined) {
        if (h.required) problems.push(`${where} (${id}): required header ${name} is missing`);
        continue;
      }
      const check = validatorAt(`${hp}/schema`);
      if (!check(value)) problems.push(`${where} (${id}): header ${name}: ${JSON.stringify(value)} ${ajv.errorsText(check.errors)}`);
    }

    const media = header('content-type')?.split(';')[0]!.trim().toLowerCase();
    const content: Json = response.content ?? {};
    if (Object.keys(content).length === 0) {
      if (ex.text !== '') problems.push(`${where} (${id}): a body where the document declares none`);
      return problems;
    }
    if (!media || !content[media]) return [...problems, `${where} (${id}): content type ${media ?? '(none)'} is not declared (declared: ${Object.keys(content).join(', ')})`];
    let body: unknown = ex.text;
    if (/[/+]json$/.test(media)) {
      try {
        body = JSON.parse(ex.text);
      } catch {
        return [...problems, `${where} (${id}): the ${media} body is not JSON`];
      }
    }
    const check = validatorAt(`${pointer}/content/${esc(media)}/schema`);
    if (!check(body)) problems.push(`${where} (${id}): body ${ajv.errorsText(check.errors, { separator: '; ' })}: ${ex.text.slice(0, 300)}`);
    return problems;
  };
}

const esc = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const unesc = (key: string) => key.replace(/~1/g, '/').replace(/~0/g, '~');

function pathOf(url: string): string | undefined {
  try {
    return new URL(url).pathname;
  } catch {
    return undefined;
  }
}

function safePath(url: string): string {
  const path = pathOf(url) ?? url;
  return path.length > 80 ? `${path.slice(0, 77)}...` : path;
}
