/** The s3rver child process exited or did not report ready in time. */
export class S3StartError extends Error {
  readonly code = 'S3_START_FAILED';
  constructor(message: string) {
    super(message);
    this.name = 'S3StartError';
  }
}
