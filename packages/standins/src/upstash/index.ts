export { startUpstash, type RunningUpstash, type UpstashOptions } from './start-upstash';
export { startUpstashProxy, type RunningUpstashProxy, type UpstashProxyOptions } from './start-upstash-proxy';
export { createProxyHandler, type ProxyHandlerOptions } from './create-proxy-handler';
export { startRedisServer, type RedisServerOptions, type RunningRedisServer } from './start-redis-server';
export { findRedisServer } from './find-redis-server';
export { createScriptRegistry, type ScriptRegistry } from './script-registry';
export { stripUnsupportedFlags, scriptSha1 } from '@nocturnal/core/ratelimit/script-shebang';
export {
  ProxyRequestError,
  RedisServerMissingError,
  RedisServerStartError,
  RedisUnavailableError,
} from './errors';
