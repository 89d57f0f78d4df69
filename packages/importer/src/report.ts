/** One item that was not imported, with a stable code and a reason for people. */
export interface ItemProblem {
  /** The item: an email for users, the path under the folder for files (or `line N`). */
  ref: string;
  code: string;
  reason: string;
}

/** An owner whose files did not all fit in `FILES_QUOTA_BYTES`. */
export interface QuotaLine {
  owner: string;
  usedBytes: number;
  quotaBytes: number;
  refused: number;
}

/** What one run did. Printed at the end, and written as JSON with `--report`. */
export interface Report {
  kind: 'users' | 'files';
  dryRun: boolean;
  /** Items read from the input. */
  total: number;
  /** Imported by this run (in a dry run: would be). */
  imported: number;
  /** Imported by an earlier run, according to the checkpoint: left alone. */
  alreadyImported: number;
  /** Bytes imported by this run. */
  bytes: number;
  /** Not imported, nothing lost: the target already has it (a duplicate). */
  skipped: ItemProblem[];
  /** Not imported: the reason says what to fix; the next run tries again. */
  failed: ItemProblem[];
  /** Users: every account imported with the admin role. */
  admins: string[];
  /** Users: accounts imported with a bcrypt hash (upgraded to scrypt at their next login). */
  legacyHashes: number;
  /** Files: owners over their quota. */
  quota: QuotaLine[];
  checkpoint: string | null;
  /** Stopped by Ctrl-C before every item was started: the same command goes on from the checkpoint. */
  interrupted: boolean;
  durationMs: number;
}

export function emptyReport(kind: Report['kind'], dryRun: boolean): Report {
  return {
    kind, dryRun, total: 0, imported: 0, alreadyImported: 0, bytes: 0, skipped: [], failed: [],
    admins: [], legacyHashes: 0, quota: [], checkpoint: null, interrupted: false, durationMs: 0,
  };
}

/** The exit code of a run stopped by Ctrl-C, as shells report SIGINT. */
export const INTERRUPTED_EXIT_CODE = 130;

/**
 * The exit code of a run: 1 when anything failed, 130 when it was
 * interrupted, else 0 (skipped duplicates are not failures).
 *
 * @example
 * process.exitCode = exitCodeOf(report);
 */
export function exitCodeOf(report: Report): number {
  if (report.failed.length > 0) return 1;
  return report.interrupted ? INTERRUPTED_EXIT_CODE : 0;
}

/**
 * The report for people: counts, then every skipped and failed item with its
 * code and reason, the admins imported and the quota lines.
 *
 * @example
 * process.stdout.write(formatReport(report));
 */
export function formatReport(r: Report): string {
  const row = (label: string, value: string | number) => `  ${label.padEnd(13)}${value}`;
  const would = r.dryRun ? ' (dry run: nothing was written)' : '';
  const lines = [`${r.kind} import${would}: ${r.total} read in ${(r.durationMs / 1000).toFixed(1)} s`];
  lines.push(row(r.dryRun ? 'would import' : 'imported', `${r.imported}${r.kind === 'files' ? ` (${formatBytes(r.bytes)})` : ''}`));
  if (r.alreadyImported > 0) lines.push(row('already', `${r.alreadyImported} (imported by an earlier run: left alone)`));
  lines.push(row('skipped', r.skipped.length), ...problemLines(r.skipped));
  lines.push(row('failed', r.failed.length), ...problemLines(r.failed));
  if (r.kind === 'users') {
    lines.push(row('admins', `${r.admins.length}${r.admins.length ? `: ${r.admins.join(', ')}` : ''}`));
    if (r.legacyHashes > 0) lines.push(row('bcrypt', `${r.legacyHashes} (each becomes scrypt at the user's next login; \`status\` counts those left)`));
  }
  for (const q of r.quota) {
    lines.push(row('quota', `${q.owner}: ${formatBytes(q.usedBytes)} of ${formatBytes(q.quotaBytes)} used, ${q.refused} file(s) refused`));
  }
  if (r.checkpoint) lines.push(row('checkpoint', r.checkpoint));
  if (r.interrupted) lines.push(row('interrupted', 'not every item was started: run the same command again to go on'));
  return `${lines.join('\n')}\n`;
}

/** Shown per code; the JSON report (`--report`) lists every one. */
const SHOWN_PER_CODE = 10;

function problemLines(problems: readonly ItemProblem[]): string[] {
  const byCode = new Map<string, ItemProblem[]>();
  for (const p of problems) byCode.set(p.code, [...(byCode.get(p.code) ?? []), p]);
  return [...byCode.values()].flatMap((group) => [
    ...group.slice(0, SHOWN_PER_CODE).map((p) => `    ${p.ref}: ${p.code} ${p.reason}`),
    ...(group.length > SHOWN_PER_CODE ? [`    … and ${group.length - SHOWN_PER_CODE} more ${group[0]!.code} (every one is in the --report file)`] : []),
  ]);
}

/**
 * Bytes for people, in binary units.
 *
 * @example
 * formatBytes(1536); // '1.5 KiB'
 */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${n} B` : `${value.toFixed(1)} ${units[unit]}`;
}
