import { nowOf } from '@nocturnal/core/clock';
import { AppError } from '@nocturnal/core/errors';
import type { User, UserRepository } from '@nocturnal/core/users/types';
import { forEachConcurrently } from '../pool';
import { emptyReport, type Report } from '../report';
import type { RunOptions } from '../run-options';
import type { UserSource } from './sources';
import { parseUserRecord, type UserRecord } from './user-record';

/**
 * A disabled account is created with its hash behind this prefix (a format
 * that never verifies), then disabled and given its hash in one write: it can
 * never be logged into while enabled, and a run killed in between finds it by
 * the prefix and finishes it.
 */
export const LOCKED_HASH_PREFIX = '!import-locked!';

/**
 * Imports users into the API's `users` collection through its repository.
 * Each account is created as registration would (normalised unique email,
 * token version 0), keeping its role, name, `createdAt` and `disabled`, and
 * its hash verbatim (bcrypt is upgraded at the user's first login). An email
 * that exists is skipped, never overwritten. Resumable without intents: the
 * account itself records the import (its email is unique, and its stored
 * hash tells an account of ours from someone else's); the checkpoint records
 * what is done, so a rerun skips it at once.
 *
 * @example
 * const report = await importUsers(ctx.users, jsonLinesSource('users.jsonl'), options);
 */
export async function importUsers(users: UserRepository, source: UserSource, opts: RunOptions): Promise<Report> {
  const started = Date.now();
  const report = emptyReport('users', opts.dryRun);
  report.checkpoint = opts.dryRun ? null : opts.checkpoint.path;
  const seen = new Set<string>();
  opts.progress.start(await source.count());
  const imported = (user: UserRecord) => {
    report.imported += 1;
    if (user.role === 'admin') report.admins.push(user.email);
    if (user.scheme === 'bcrypt') report.legacyHashes += 1;
  };

  await forEachConcurrently(
    source.records(),
    opts.concurrency,
    async ({ where, raw, error }) => {
      report.total += 1;
      try {
        const parsed = error ? { ok: false as const, code: error, reason: 'the line is not JSON' } : parseUserRecord(raw);
        if (!parsed.ok) {
          report.failed.push({ ref: parsed.email ? `${where} (${parsed.email})` : where, code: parsed.code, reason: parsed.reason });
          return;
        }
        const user = parsed.user;
        // Claimed before any await, so concurrent lines cannot both pass.
        if (seen.has(user.email)) {
          report.skipped.push({ ref: `${where} (${user.email})`, code: 'DUPLICATE_IN_INPUT', reason: 'an earlier line has this email' });
          return;
        }
        seen.add(user.email);
        if (isDone(opts, user.email)) {
          report.alreadyImported += 1;
          return;
        }
        const outcome = opts.dryRun ? await planUser(users, user) : await createUser(users, user, nowOf(opts));
        if (outcome === 'taken') {
          report.skipped.push({ ref: `${where} (${user.email})`, code: 'EMAIL_TAKEN', reason: 'an account with this email exists; it was left as it is' });
          return;
        }
        opts.checkpoint.done(user.email, 'imported', { userId: outcome.id });
        imported(user);
      } catch (error) {
        report.failed.push({ ref: where, code: 'STORAGE_ERROR', reason: String((error as Error)?.message ?? error) });
      } finally {
        opts.progress.advance();
      }
    },
    opts.signal,
  );
  opts.progress.stop();
  report.interrupted = opts.signal?.aborted ?? false;
  report.durationMs = Date.now() - started;
  return report;
}

function isDone(opts: RunOptions, email: string): boolean {
  const entry = opts.checkpoint.entries.get(email);
  return entry?.t === 'done' && entry.outcome === 'imported';
}

async function createUser(users: UserRepository, user: UserRecord, now: Date): Promise<User | 'taken'> {
  const stored = user.disabled ? LOCKED_HASH_PREFIX + user.passwordHash : user.passwordHash;
  let created: User;
  try {
    created = await users.create({ email: user.email, name: user.name, role: user.role, passwordHash: stored }, user.createdAt ?? now);
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'EMAIL_TAKEN')) throw error;
    const existing = await users.findByEmail(user.email);
    // Ours, from a run that died before recording it: finish it.
    if (existing?.passwordHash === user.passwordHash) return existing;
    if (existing?.passwordHash !== LOCKED_HASH_PREFIX + user.passwordHash) return 'taken';
    created = existing;
  }
  if (!user.disabled) return created;
  return (await users.update(created.id, { disabled: true, passwordHash: user.passwordHash }, now)) ?? created;
}

/** A dry run's answer: what `createUser` would do, without writing. */
async function planUser(users: UserRepository, user: UserRecord): Promise<{ id: string } | 'taken'> {
  const existing = await users.findByEmail(user.email);
  if (!existing) return { id: '(dry run)' };
  return existing.passwordHash === user.passwordHash || existing.passwordHash === LOCKED_HASH_PREFIX + user.passwordHash ? existing : 'taken';
}
