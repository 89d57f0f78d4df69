/**
 * Synthesises the SST stacks offline (test/helpers/synth.ts), which bundles
 * every function into .sst/artifacts/. NODE_ENV=test keeps SST from asking AWS
 * for its bootstrap bucket; the exit is explicit because SST leaves handles open.
 */
import { synthesize } from '../../test/helpers/synth';
import { ready } from '../lib/child';

await synthesize('bench');
ready({ done: 'yes' });
process.exit(0);
