/**
 * The catalogues are data the stacks, the adapters and the rules read: these
 * checks keep them usable (names unique and well-formed, thresholds valid)
 * and keep the README's Monitoring tables equal to them.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALERTS, alertThreshold, findAlert } from './alerts';
import { METRICS } from './metrics';

const README = fileURLToPath(new URL('../../../../README.md', import.meta.url));
const section = (heading: string) => {
  const readme = readFileSync(README, 'utf8');
  const start = readme.indexOf(heading);
  expect(start, heading).toBeGreaterThan(-1);
  return readme.slice(start, readme.indexOf('\n## ', start + 1));
};

describe('the metric catalogue', () => {
  const defs = Object.values(METRICS);

  it('names each metric once per platform, in each platform\'s conventions', () => {
    expect(new Set(defs.map((m) => m.cloudwatch)).size).toBe(defs.length);
    expect(new Set(defs.map((m) => m.prometheus)).size).toBe(defs.length);
    for (const m of defs) {
      expect(m.cloudwatch).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(m.prometheus).toMatch(/^nocturnal_[a-z_]+$/);
      if (m.kind === 'counter') expect(m.prometheus, m.prometheus).toMatch(/_total$/);
      if (m.kind === 'histogram') expect(m.prometheus).toMatch(/_seconds$/);
    }
  });

  it('has only low-cardinality labels: never a user or an address', () => {
    for (const m of defs) for (const label of m.labels) expect(['route', 'policy', 'reason']).toContain(label);
  });
});

describe('the alert table', () => {
  it('overrides a threshold from its setting and refuses a bad one', () => {
    const latency = findAlert('LatencyP99');
    expect(alertThreshold(latency, {})).toBe(latency.threshold);
    expect(alertThreshold(latency, { [latency.setting]: '250' })).toBe(250);
    expect(() => alertThreshold(latency, { [latency.setting]: '-1' })).toThrow(latency.setting);
    expect(() => alertThreshold(latency, { [latency.setting]: 'fast' })).toThrow(latency.setting);
  });

  it('gives every alert its own setting, prefixed ALARM_', () => {
    expect(new Set(ALERTS.map((a) => a.setting)).size).toBe(ALERTS.length);
    for (const a of ALERTS) expect(a.setting).toMatch(/^ALARM_[A-Z0-9_]+$/);
  });
});

describe('the README', () => {
  it('lists every metric with both of its names in the Monitoring section', () => {
    const rows = [...section('## Monitoring').matchAll(/^\| `([A-Za-z]+)` \| `(nocturnal_[a-z_]+)` \|/gm)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual(Object.values(METRICS).map((m) => [m.cloudwatch, m.prometheus]));
  });

  it('lists every alert with its setting and default threshold', () => {
    const rows = [...section('## Monitoring').matchAll(/^\| ([A-Za-z0-9]+) \| `(ALARM_[A-Z0-9_]+)` \| ([\d.]+) /gm)].map((m) => [m[1], m[2], Number(m[3])]);
    expect(rows).toEqual(ALERTS.map((a) => [a.id, a.setting, a.threshold]));
  });
});
