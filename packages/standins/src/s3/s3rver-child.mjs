// @ts-check
/**
 * Child-process entry of the S3 stand-in: runs s3rver. Started by start-s3.ts as
 *   node --openssl-legacy-provider s3rver-child.mjs '<json config>'
 * (s3rver's ListObjectsV2 continuation tokens use DES, which OpenSSL 3 only offers
 * through the legacy provider). Plain .mjs so no TypeScript loader is needed.
 * Reports `{type: 'ready', port}` or `{type: 'error', message}` over IPC (and prints the
 * port on stdout), and exits when the parent goes away (IPC disconnect) or on SIGTERM.
 */
import S3rver from 's3rver';

/** @type {{host: string, port: number, directory: string, bucket: string, corsXml: string}} */
const config = JSON.parse(process.argv[2] ?? '{}');

const server = new S3rver({
  address: config.host,
  port: config.port,
  directory: config.directory,
  silent: true,
  configureBuckets: [{ name: config.bucket, configs: [config.corsXml] }],
});

let closing = false;
/** @param {number} code */
function shutdown(code) {
  if (closing) return;
  closing = true;
  // Open keep-alive sockets can hold close() back; do not wait for them forever.
  setTimeout(() => process.exit(code), 2_000);
  server.close().then(
    () => process.exit(code),
    () => process.exit(code),
  );
}

process.on('disconnect', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
process.on('SIGINT', () => shutdown(0));

try {
  const { port } = await server.run();
  process.send?.({ type: 'ready', port });
  process.stdout.write(`${port}\n`);
} catch (error) {
  process.send?.({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}
