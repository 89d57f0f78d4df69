/**
 * The container server from source, for trying container mode without a build:
 * `npx tsx packages/server/src/container/main.ts [--host 127.0.0.1]`. The image
 * runs the esbuild bundle instead (see build.ts), whose entry imports every
 * handler statically.
 */
import { loadSourceHandler } from '../local/server';
import { runContainer } from './run';

await runContainer({ loadHandler: loadSourceHandler });
