/**
 * `npm run import -- <users|files|status> …` (or the `nocturnal-import` bin):
 * moves users and local uploads of the single-server API into Nocturnal.
 * See `USAGE` in cli.ts and the README's "Moving from the single-server API".
 */
import { loadConfig } from '@nocturnal/core/config';
import { runCli } from './run';

const abort = new AbortController();
process.on('SIGINT', () => {
  // A second Ctrl-C stops at once; the checkpoint makes that safe too.
  if (abort.signal.aborted) process.exit(130);
  process.stderr.write('\nstopping: the files in flight finish, then the report (Ctrl-C again to stop now)\n');
  abort.abort();
});

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  loadConfig: (required) => loadConfig({}, required),
  signal: abort.signal,
});
