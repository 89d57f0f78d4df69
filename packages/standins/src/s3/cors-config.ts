const escapeXml = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);

/**
 * The bucket CORS configuration (S3 XML): GET, PUT and HEAD from `origins` (each may
 * hold one `*` wildcard), any request header, `ETag` exposed so a browser upload can
 * read it.
 *
 * @example
 * ```ts
 * corsConfigXml(['http://localhost:5173']);
 * ```
 */
export function corsConfigXml(origins: readonly string[]): string {
  const rule = [
    ...origins.map((origin) => `<AllowedOrigin>${escapeXml(origin)}</AllowedOrigin>`),
    ...['GET', 'PUT', 'HEAD'].map((method) => `<AllowedMethod>${method}</AllowedMethod>`),
    '<AllowedHeader>*</AllowedHeader>',
    '<ExposeHeader>ETag</ExposeHeader>',
    '<MaxAgeSeconds>3000</MaxAgeSeconds>',
  ].join('');
  return `<CORSConfiguration><CORSRule>${rule}</CORSRule></CORSConfiguration>`;
}
