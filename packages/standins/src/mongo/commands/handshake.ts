import os from 'node:os';
import type { Document } from 'bson';
import type { Handler } from './context';

const hello: Handler = (_cmd, ctx) => ({
  helloOk: true,
  ismaster: true,
  isWritablePrimary: true,
  maxBsonObjectSize: 16 * 1024 * 1024,
  maxMessageSizeBytes: 48_000_000,
  maxWriteBatchSize: 100_000,
  localTime: new Date(),
  logicalSessionTimeoutMinutes: 30,
  connectionId: ctx.connectionId,
  minWireVersion: 0,
  maxWireVersion: 21,
  readOnly: false,
  ok: 1,
});

const buildInfo: Handler = () => ({
  version: '7.0.0',
  gitVersion: 'standin',
  versionArray: [7, 0, 0, 0],
  bits: 64,
  maxBsonObjectSize: 16 * 1024 * 1024,
  storageEngines: ['standin'],
  ok: 1,
});

const hostInfo: Handler = () => ({
  system: { currentTime: new Date(), hostname: os.hostname(), cpuAddrSize: 64, numCores: os.cpus().length, memSizeMB: Math.round(os.totalmem() / 2 ** 20) },
  os: { type: os.type(), name: os.platform(), version: os.release() },
  extra: {},
  ok: 1,
});

/** Only the parameters drivers and tools commonly read; anything else is simply absent. */
const getParameter: Handler = (cmd) => {
  const known: Document = { featureCompatibilityVersion: { version: '7.0' }, authenticationMechanisms: [] };
  const out: Document = {};
  for (const k of Object.keys(known)) if (cmd.getParameter === '*' || k in cmd) out[k] = known[k];
  return { ...out, ok: 1 };
};

const ok: Handler = () => ({ ok: 1 });

export const handshakeCommands: Record<string, Handler> = {
  hello,
  isMaster: hello,
  ismaster: hello,
  ping: ok,
  buildInfo,
  buildinfo: buildInfo,
  hostInfo,
  getParameter,
  whatsmyuri: (_c, ctx) => ({ you: `connection ${ctx.connectionId}`, ok: 1 }),
  endSessions: ok,
  refreshSessions: ok,
  killSessions: ok,
  connectionStatus: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 }),
};
