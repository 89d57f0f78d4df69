/** An SVG bar chart of the results: req/s per HTTP measurement, and cold-start medians per bundle. */
import type { Row } from './rows';

const [GREY, ORANGE, BLUE] = ['#999', '#d98c2b', '#3b6ea8'];
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function panel(title: string, bars: Array<{ label: string; value: number; text: string; fill: string }>, top: number, width: number): { svg: string; height: number } {
  const labelW = 330;
  const barW = width - labelW - 140;
  const peak = Math.max(...bars.map((b) => b.value), 1);
  const parts = [`<text x="10" y="${top + 18}" font-weight="bold">${esc(title)}</text>`];
  bars.forEach((b, i) => {
    const y = top + 30 + i * 22;
    const w = Math.max(1, (b.value / peak) * barW);
    parts.push(
      `<text x="${labelW - 8}" y="${y + 13}" text-anchor="end">${esc(b.label)}</text>`,
      `<rect x="${labelW}" y="${y}" width="${w.toFixed(1)}" height="16" fill="${b.fill}"/>`,
      `<text x="${(labelW + w + 6).toFixed(1)}" y="${y + 13}">${esc(b.text)}</text>`,
    );
  });
  return { svg: parts.join('\n'), height: 40 + bars.length * 22 };
}

export function chartSvg(rows: Row[], subtitle: string): string {
  const width = 900;
  const http = rows.filter((r) => r.rps !== undefined && !r.section.startsWith('Password') && !r.section.includes('sequential'));
  const cold = rows.filter((r) => r.section.startsWith('Lambda') && r.p50 !== undefined);
  const a = panel(
    'Throughput, req/s (grey: bare node:http baseline; orange: the peer)',
    http.map((r) => ({ label: `${short(r.section)}: ${r.name}`, value: r.rps!, text: `${Math.round(r.rps!).toLocaleString('en-US')} (×${r.vsBaseline!.toFixed(2)})`, fill: r.section === 'Baseline' ? GREY : r.section.startsWith('Peer') ? ORANGE : BLUE })),
    50,
    width,
  );
  const b = panel(
    'Lambda cold start, median ms from node start to first response (grey: hello-world bundle)',
    cold.map((r) => ({ label: r.name, value: r.p50!, text: `${r.p50!.toFixed(0)} ms (×${r.vsBaseline!.toFixed(2)})`, fill: r.name.startsWith('hello') ? GREY : BLUE })),
    50 + a.height + 10,
    width,
  );
  const height = 50 + a.height + 10 + b.height + 10;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="22" font-size="15" font-weight="bold">Nocturnal API benchmarks</text>`,
    `<text x="10" y="40" fill="#555">${esc(subtitle)}</text>`,
    a.svg,
    b.svg,
    '</svg>',
    '',
  ].join('\n');
}

function short(section: string): string {
  if (section.startsWith('Peer')) return 'peer';
  if (section.startsWith('Through Nginx')) return 'nginx';
  if (section.startsWith('Nocturnal')) return 'nocturnal';
  if (section.startsWith('Dependencies')) return 'alone';
  return section.toLowerCase();
}
