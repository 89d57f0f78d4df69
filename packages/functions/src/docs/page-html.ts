/**
 * The docs page: Swagger UI on the API's own origin. Its script and style
 * sheet are rows of the route table; the page's CSP lets it load those and
 * talk to this origin only, so no request can leave it (no CDN, fonts,
 * validator badge or telemetry).
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const DOCS_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Nocturnal API reference</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="/docs/swagger-ui.css">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/swagger-ui.js"></script>
  </body>
</html>
`;

/** Runs after swagger-ui-bundle.js, in the same file (the CSP allows no inline script). */
export const DOCS_INIT = `
;(function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    // No badge from validator.swagger.io: nothing leaves this origin.
    validatorUrl: null,
    deepLinking: true,
    docExpansion: 'list',
    displayOperationId: true,
    defaultModelsExpandDepth: 0,
    presets: [SwaggerUIBundle.presets.apis],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'BaseLayout',
    onComplete: function () { document.body.setAttribute('data-docs', 'ready'); },
  });
})();
`;
