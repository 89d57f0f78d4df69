/** For the bench's own child scripts: stop cleanly on SIGTERM/SIGINT, or when the bench's stdin pipe closes (it died). */
export function exitWithParent(stop: () => Promise<void> = async () => {}): void {
  let stopping = false;
  const go = () => {
    if (stopping) return;
    stopping = true;
    stop().finally(() => process.exit(0));
  };
  process.stdin.on('end', go).on('error', go).resume();
  process.once('SIGTERM', go);
  process.once('SIGINT', go);
}

/** The line the bench waits for: `READY <json>`. */
export function ready(info: Record<string, unknown>): void {
  process.stdout.write(`READY ${JSON.stringify(info)}\n`);
}
