import { MingoError } from 'mingo/util';

/** Server error codes used by the stand-in (a subset of MongoDB's `error_codes.yml`). */
export const CODES = {
  InternalError: 1,
  BadValue: 2,
  FailedToParse: 9,
  TypeMismatch: 14,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  CommandNotFound: 59,
  ImmutableField: 66,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  DollarPrefixedFieldName: 52,
  CannotCreateIndex: 67,
  DocumentValidationFailure: 121,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  NotImplemented: 238,
  BSONObjectTooLarge: 10334,
  DuplicateKey: 11000,
  /** $changeStream on a standalone. */
  Location40573: 40573,
  /** An IDL parser refusing a field it does not know (e.g. 8.0-only options on a 7.0 server). */
  Location40415: 40415,
  /** An IDL parser missing a required field. */
  Location40414: 40414,
  /** A pipeline stage object with more than one field. */
  Location40323: 40323,
} as const;

export type CodeName = keyof typeof CODES;

/** An error that becomes `{ok: 0, errmsg, code, codeName}` (or a write error) on the wire. */
export class CommandError extends Error {
  readonly code: number;
  constructor(
    readonly codeName: CodeName,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.code = CODES[codeName];
  }
}

/** Maps anything thrown while running a command (mingo's errors included) to a CommandError. */
export function toCommandError(err: unknown): CommandError {
  if (err instanceof CommandError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof MingoError) {
    if (message.includes('immutable field')) return new CommandError('ImmutableField', message);
    if (message.includes('non-numeric')) return new CommandError('TypeMismatch', message);
    if (message.includes('conflict')) return new CommandError('ConflictingUpdateOperators', message);
    return new CommandError('BadValue', message);
  }
  if (err instanceof TypeError) return new CommandError('TypeMismatch', message);
  return new CommandError('InternalError', message);
}

/** Serialises an error as a command reply. */
export function errorReply(err: CommandError): Record<string, unknown> {
  return { ok: 0, errmsg: err.message, code: err.code, codeName: err.codeName, ...err.extra };
}
