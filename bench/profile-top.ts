/**
 * Summarises a `node --cpu-prof` profile: self time by function and by
 * package, for `npm run bench -- --profile` (bench/results/*.cpuprofile).
 *
 *   npx tsx bench/profile-top.ts bench/results/container-me-memory.cpuprofile [top=25] [callers-of-regex]
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg, callersOf] = process.argv.slice(2);
process.stdout.on('error', () => process.exit(0));
if (!file) throw new Error('usage: profile-top.ts <file.cpuprofile> [top]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
const fns = new Map<string, number>();
const pkgs = new Map<string, number>();
for (const [id, us] of self) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const where = url.replace(/^.*\/(node_modules|packages)\//, '$1/').replace(/^file:\/\//, '');
  add(fns, `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`, us);
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? /packages\/[^/]+\/src\/[^/]+/.exec(url)?.[0] ?? (url.startsWith('node:') ? 'node internals' : url ? url.split('/').slice(-2).join('/') : functionName);
  add(pkgs, pkg, us);
}
const print = (title: string, map: Map<string, number>) => {
  process.stdout.write(`\n${title}\n`);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg ?? 25))) {
    process.stdout.write(`${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}\n`);
  }
};
print(`Self time by function (total ${(total / 1e6).toFixed(1)} s)`, fns);
// Inclusive time: a function's own samples plus everything it called (each stack counted once per function).
const inclusive = new Map<string, number>();
const key = (n: Node) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-1)[0]}:${n.callFrame.lineNumber + 1}`;
const walk = (id: number, onStack: Set<string>): number => {
  const node = byId.get(id)!;
  const k = key(node);
  const fresh = !onStack.has(k);
  if (fresh) onStack.add(k);
  const sum = (self.get(id) ?? 0) + (node.children ?? []).reduce((a, c) => a + walk(c, onStack), 0);
  if (fresh) (add(inclusive, k, sum), onStack.delete(k));
  return sum;
};
walk(profile.nodes[0]!.id, new Set());
inclusive.delete(key(profile.nodes[0]!));
print('Inclusive time by function', inclusive);
print('Self time by package', pkgs);

if (callersOf) {
  // Who calls the matching functions: their stacks (5 frames up), weighted by self time.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (id: number) => {
    const f = byId.get(id)!.callFrame;
    return `${f.functionName || '(anon)'}@${f.url.split('/').pop()}:${f.lineNumber + 1}`;
  };
  const stacks = new Map<string, number>();
  for (const [id, us] of self) {
    if (!new RegExp(callersOf).test(byId.get(id)!.callFrame.functionName)) continue;
    const chain: string[] = [];
    for (let p = parent.get(id); p !== undefined && chain.length < 6; p = parent.get(p)) chain.push(name(p));
    add(stacks, chain.join(' < '), us);
  }
  print(`Callers of /${callersOf}/`, stacks);
}
