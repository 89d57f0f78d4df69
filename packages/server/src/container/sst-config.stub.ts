/**
 * `sst/node/config` in the container bundle. Outside Lambda nothing is bound
 * (functions/bindings.ts then reads plain environment variables), so the image
 * carries no SSM client and no start-up lookup of SST parameters.
 */
export const Config: Record<string, unknown> = {};
