import { describe, expect, it } from 'vitest';
import { emptyReport, exitCodeOf, formatBytes, formatReport } from './report';

describe('report', () => {
  it('fails the exit code only for failures, not for skipped duplicates', () => {
    const report = emptyReport('users', false);
    report.skipped.push({ ref: 'a@x.io', code: 'EMAIL_TAKEN', reason: 'exists' });

    expect(exitCodeOf(report)).toBe(0);
    report.failed.push({ ref: 'line 2', code: 'INVALID_EMAIL', reason: 'bad' });
    expect(exitCodeOf(report)).toBe(1);
  });

  it('prints counts, each problem with its code, the quota lines, and caps each code at ten lines', () => {
    const report = { ...emptyReport('files', false), total: 14, imported: 1, bytes: 2048, durationMs: 1234, checkpoint: 'cp.jsonl' };
    for (let i = 0; i < 12; i++) report.failed.push({ ref: `bob@x.io/${i}.txt`, code: 'QUOTA_EXCEEDED', reason: 'no room' });
    report.failed.push({ ref: 'bob@x.io/a.zip', code: 'FILE_TYPE_NOT_ALLOWED', reason: 'zip' });
    report.quota.push({ owner: 'bob@x.io', usedBytes: 1024 * 1024, quotaBytes: 2 * 1024 * 1024, refused: 12 });

    const lines = formatReport(report).split('\n');

    expect(lines.slice(0, 5)).toEqual(['files import: 14 read in 1.2 s', '  imported     1 (2.0 KiB)', '  skipped      0', '  failed       13', '    bob@x.io/0.txt: QUOTA_EXCEEDED no room']);
    expect(lines).toContain('    … and 2 more QUOTA_EXCEEDED (every one is in the --report file)');
    expect(lines).toContain('    bob@x.io/a.zip: FILE_TYPE_NOT_ALLOWED zip');
    expect(lines).toContain('  quota        bob@x.io: 1.0 MiB of 2.0 MiB used, 12 file(s) refused');
    expect(lines).toContain('  checkpoint   cp.jsonl');
  });

  it('says so in a dry run', () => {
    expect(formatReport({ ...emptyReport('users', true), imported: 3 })).toContain('users import (dry run: nothing was written): 0 read in 0.0 s\n  would import 3\n');
  });

  it('writes bytes in binary units', () => {
    expect([formatBytes(0), formatBytes(1023), formatBytes(1536), formatBytes(25 * 1024 * 1024)]).toEqual(['0 B', '1023 B', '1.5 KiB', '25.0 MiB']);
  });
});
