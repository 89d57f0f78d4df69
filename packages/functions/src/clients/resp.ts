import type { RespTransport } from '@nocturnal/core/ratelimit/resp-transport';

type Connect = (url: string, opts: { timeoutMs: number }) => RespTransport;

let connect: Connect | undefined;

/**
 * Makes `REDIS_URL` (RESP) available to the rate limits. Only the container
 * and local servers install it (`connectResp` from core), so no Lambda bundle
 * carries `ioredis`: functions reach Redis over Upstash's REST protocol.
 *
 * @example
 * useRespTransport(connectResp); // in the server's start-up, before handlers load
 */
export function useRespTransport(factory: Connect): void {
  connect = factory;
}

/** The installed RESP connector; undefined on Lambda. */
export function respTransport(): Connect | undefined {
  return connect;
}
