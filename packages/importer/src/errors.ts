/**
 * Errors that stop a whole run before or instead of importing (exit code 2).
 * Per-item problems are not errors: they are outcomes in the report, each with
 * its own code (see `report.ts`).
 *
 * @example
 * throw new ImportError('USAGE', 'files: the folder is required');
 */
export const IMPORT_ERROR_CODES = ['USAGE', 'CHECKPOINT_MISMATCH', 'CHECKPOINT_LOCKED', 'INPUT_UNREADABLE'] as const;

export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}
