import { needsRehash, passwordHashScheme } from '@nocturnal/core/auth/passwords';
import type { UserRepository } from '@nocturnal/core/users/types';
import { readCheckpoint } from './checkpoint';

/** Where the migration stands. */
export interface Status {
  users: number;
  admins: number;
  disabled: number;
  hashes: {
    /** Today's scrypt parameters. */
    scrypt: number;
    /** scrypt with older parameters: replaced at the next login. */
    scryptOutdated: number;
    /** Still on the single-server API's bcrypt: replaced at the next login. */
    bcrypt: number;
    /** Matches no password (should be 0: the importer never stores one). */
    unknown: number;
  };
  checkpoints: Array<{ path: string; kind: string; imported: number; skipped: number; failed: number; inFlight: number }>;
}

const PAGE = 500;

/**
 * Counts the accounts by password scheme (how many are still on bcrypt), by
 * role and state, reading every user through the repository a page at a time;
 * and sums up the given checkpoints (`inFlight`: attempts a killed run left,
 * settled by the next run).
 *
 * @example
 * const status = await readStatus(users, config.PASSWORD_SCRYPT_LOG_N, ['files.checkpoint.jsonl']);
 * status.hashes.bcrypt; // users who have not logged in since the import
 */
export async function readStatus(users: UserRepository, scryptLogN: number, checkpoints: readonly string[] = []): Promise<Status> {
  const status: Status = { users: 0, admins: 0, disabled: 0, hashes: { scrypt: 0, scryptOutdated: 0, bcrypt: 0, unknown: 0 }, checkpoints: [] };
  let after: string | undefined;
  for (;;) {
    const page = await users.list({ limit: PAGE, after });
    for (const user of page) {
      status.users += 1;
      if (user.role === 'admin') status.admins += 1;
      if (user.disabled) status.disabled += 1;
      const scheme = passwordHashScheme(user.passwordHash);
      if (scheme === 'bcrypt') status.hashes.bcrypt += 1;
      else if (!scheme) status.hashes.unknown += 1;
      else if (needsRehash(user.passwordHash, scryptLogN)) status.hashes.scryptOutdated += 1;
      else status.hashes.scrypt += 1;
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.id;
  }
  for (const path of checkpoints) {
    const cp = readCheckpoint(path);
    const line = { path, kind: cp?.header.kind ?? 'none', imported: 0, skipped: 0, failed: 0, inFlight: 0 };
    for (const entry of cp?.entries.values() ?? []) {
      if (entry.t === 'intent') line.inFlight += 1;
      else line[entry.outcome] += 1;
    }
    status.checkpoints.push(line);
  }
  return status;
}

/**
 * The status for people.
 *
 * @example
 * process.stdout.write(formatStatus(status));
 */
export function formatStatus(s: Status): string {
  const h = s.hashes;
  const row = (label: string, value: string | number) => `  ${label.padEnd(26)}${value}`;
  const lines = [
    `users ${s.users} (admins ${s.admins}, disabled ${s.disabled})`,
    row('still on bcrypt', `${h.bcrypt}${h.bcrypt > 0 ? " (each is replaced by scrypt at the user's next login)" : ''}`),
    row('scrypt', h.scrypt),
    row('scrypt, older parameters', `${h.scryptOutdated}${h.scryptOutdated > 0 ? ' (replaced at the next login)' : ''}`),
  ];
  if (h.unknown > 0) lines.push(row('unknown format', `${h.unknown} (these accounts cannot log in)`));
  for (const c of s.checkpoints) {
    lines.push(`checkpoint ${c.path} (${c.kind}): imported ${c.imported}, skipped ${c.skipped}, failed ${c.failed}, in flight ${c.inFlight}`);
  }
  return `${lines.join('\n')}\n`;
}
