/**
 * For the stand-ins' command-line entries: stop once on SIGINT or SIGTERM,
 * then exit 0 (1 if stopping failed).
 *
 * @example
 * stopOnSignal(() => mongo.stop());
 */
export function stopOnSignal(stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
