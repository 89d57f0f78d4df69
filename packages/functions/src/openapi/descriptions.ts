/** The document's prose: what holds for every operation. */

export const API_DESCRIPTION = `A horizontally scalable HTTP API: the same handlers run on AWS Lambda, in containers behind Nginx and locally (\`npm start\`).

**Errors** are \`application/problem+json\` (RFC 9457) with a stable \`code\`; each operation lists, per status, the codes it can answer. Assert on \`code\`, never on \`detail\`. Every answer carries \`X-Request-Id\`.

**Auth:** operations with a lock need \`Authorization: Bearer <accessToken>\`; \`x-required-role\` names the least role (\`admin\` ≥ \`user\`). A token is refused (401 \`INVALID_TOKEN\`) once its account is deleted, disabled, its role changed or its sessions revoked.

**Rate limits:** operations with \`x-rate-limit-policy\` answer \`RateLimit-Policy\` and \`RateLimit\` (draft-ietf-httpapi-ratelimit-headers); over the limit, 429 \`RATE_LIMITED\` with \`Retry-After\`.

**Lists** are keyset-paginated: pass \`nextCursor\` back as \`cursor\` until it is \`null\`.

**Uploads** go straight to S3: \`POST /api/v1/files\` answers a presigned PUT whose \`upload.headers\` must be sent exactly (they are signed), then \`POST /api/v1/files/{id}/complete\`.

**Unknown paths and methods** (\`x-default-route\`): a problem 404, or 405 with \`Allow\` for a known path (HEAD included).

On AWS, API Gateway itself answers a function timeout, a crash or a body over 10 MB with its own \`{"message": …}\` JSON, without \`X-Request-Id\`; clients must accept that shape too. Locally and in containers those answers are problems (\`GATEWAY_TIMEOUT\`, \`PAYLOAD_TOO_LARGE\`).`;

export const DEFAULT_ROUTE_DESCRIPTION =
  'The `$default` route of the route table: every request that matches no operation. A known path with a method it does not serve (HEAD included) is 405 with `Allow`; any other path is 404; a CORS preflight is 204. It also lists what any request can get before it is routed (a target that is not a path, a header block over 16 KiB, a request that did not arrive in time).';
