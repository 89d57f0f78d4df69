import type { Clock } from '@nocturnal/core/clock';
import type { Checkpoint } from './checkpoint';
import type { Progress } from './progress';

/** What every import run takes besides its input. */
export interface RunOptions {
  /** Items in flight at once. */
  concurrency: number;
  /** Check everything, write nothing (the checkpoint is read, not written). */
  dryRun: boolean;
  checkpoint: Checkpoint;
  progress: Progress;
  /** Aborted (Ctrl-C): no new item starts; the ones in flight finish. */
  signal?: AbortSignal;
  now?: Clock;
}
