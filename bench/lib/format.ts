/** The table, as aligned text for the terminal and as Markdown for the README. */
import type { Budget, Row } from './rows';

const HEAD = ['measurement', 'req/s', 'p50 ms', 'p99 ms', '× baseline', '× Express', '× Fastify', '× floor', 'note'];

function cells(row: Row): string[] {
  const n = (v: number | undefined, digits: number) => (v === undefined ? '' : v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
  const ms = (v: number | undefined) => n(v, v !== undefined && v < 10 && !Number.isInteger(v) ? 2 : 0);
  const x = (v: number | undefined) => (v === undefined ? '' : `${v.toFixed(2)}`);
  return [row.name, n(row.rps, row.rps !== undefined && row.rps < 100 ? 1 : 0), ms(row.p50), ms(row.p99), x(row.vsBaseline), x(row.vsPeer), x(row.vsFastify), x(row.vsFloor), row.note ?? ''];
}

const bySection = (rows: Row[]) => {
  const sections = new Map<string, Row[]>();
  for (const row of rows) sections.set(row.section, [...(sections.get(row.section) ?? []), row]);
  return sections;
};

export function textTable(rows: Row[], budgets: Budget[]): string {
  const body = rows.map(cells);
  const widths = HEAD.map((h, i) => Math.max(h.length, ...body.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => (i === 0 || i === c.length - 1 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ').trimEnd();
  const out = [line(HEAD), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const [section, list] of bySection(rows)) out.push(`${section}:`, ...list.map((r) => line(cells(r))));
  out.push('', 'Budgets:', ...budgets.map((b) => `  [${b.met === null ? 'n/a' : b.met ? 'met' : 'NOT MET'}] ${b.budget}: ${b.measured}`));
  return out.join('\n');
}

export function markdownTable(rows: Row[], budgets: Budget[]): string {
  const md = (c: string[]) => `| ${c.map((v) => v.replaceAll('|', '\\|')).join(' | ')} |`;
  const out = [md(HEAD), md(HEAD.map((_, i) => (i === 0 || i === HEAD.length - 1 ? '---' : '---:')))];
  for (const [section, list] of bySection(rows)) out.push(md([`**${section}**`, ...HEAD.slice(1).map(() => '')]), ...list.map((r) => md(cells(r))));
  out.push('', '| budget | measured | |', '| --- | --- | --- |', ...budgets.map((b) => md([b.budget, b.measured, b.met === null ? 'n/a' : b.met ? 'met' : '**not met**'])));
  return out.join('\n');
}

/** What fills every bundle: its three largest packages, one line each (text and Markdown alike). */
export function contentsText(functions: Array<{ id: string; bytes: number; packages: Array<{ name: string; bytes: number }> }>): string {
  const kB = (b: number) => `${Math.round(b / 1000).toLocaleString('en-US')} kB`;
  const listed = functions.filter((f) => f.packages.length > 0);
  if (listed.length === 0) return '';
  return [
    'Bundle contents (esbuild metafile, minified bytes): the three largest packages of every function',
    ...listed.map((f) => `- ${f.id} (${kB(f.bytes)}): ${f.packages.slice(0, 3).map((p) => `${p.name} ${kB(p.bytes)}`).join(', ')}`),
  ].join('\n');
}
