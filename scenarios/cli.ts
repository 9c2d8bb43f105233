#!/usr/bin/env node
/**
 * Command-line entry (`npm start`). Until scenario files and the full
 * `vmbsim` command exist (issue 5), it runs the built-in default scenario
 * (scenarios/default.ts) and prints the designs side by side.
 */
import { runDefault, DEFAULT_DAYS } from './default.js';
import type { DesignResult } from '../strategies/results.js';

const seedArg = process.argv.find((a) => a.startsWith('--seed='));
const seed = seedArg !== undefined ? seedArg.slice('--seed='.length) : '1';

const results = runDefault(seed);
const fix = (x: number | null | undefined, d: number): string => (x === null || x === undefined || !Number.isFinite(x) ? '-' : x.toFixed(d));
const restore = (r: DesignResult, kind: string, field: 'serviceSec' | 'completeSec'): string => {
  const k = r.restores.find((x) => x.kind === kind);
  if (k === undefined) return '-';
  if (k.done === 0) return k.unsupported > 0 ? 'n/a' : 'failed';
  return fix(k[field].mean, 1);
};
const verdict = (r: DesignResult): string => {
  const k = r.restores.find((x) => x.kind === 'verification');
  if (k === undefined) return '-';
  return k.done > 0 ? 'passed' : k.unsupported > 0 ? 'n/a' : 'failed';
};
const rows: [string, (r: DesignResult) => string][] = [
  ['backup window, mean (h)', (r) => fix(r.window.durationSec.mean / 3600, 2)],
  ['bytes read (GB)', (r) => fix(r.bytes.read / 1e9, 1)],
  ['bytes sent over the network (GB)', (r) => fix(r.bytes.sent / 1e9, 1)],
  ['bytes stored (GB)', (r) => fix(r.bytes.stored / 1e9, 1)],
  ['dedupe ratio', (r) => fix(r.dedupeRatio, 1)],
  ['latency inflation during backup, p95', (r) => fix(r.impact.duringBackup.latencyInflationP95, 2)],
  ['host CPU on backup (Tcycles)', (r) => fix(r.cpuCycles.host / 1e12, 2)],
  ['guest CPU on backup (Tcycles)', (r) => fix(r.cpuCycles.guest / 1e12, 2)],
  ['restore points', (r) => String(r.recoveryPoints.total)],
  ['RPO, worst gap (min)', (r) => fix((r.recoveryPoints.rpoMaxGapSec ?? NaN) / 60, 1)],
  ['full VM restore, RTO (s)', (r) => restore(r, 'vm', 'serviceSec')],
  ['instant recovery, RTO (s)', (r) => restore(r, 'instant-recovery', 'serviceSec')],
  ['file restore (s)', (r) => restore(r, 'file', 'completeSec')],
  ['verification', (r) => verdict(r)],
  ['unprotected machines', (r) => String(r.unprotected.length)],
];
console.log(`vmbsim default scenario (seed ${seed}): 24 VMs on 4 vSphere hosts + 1 physical server, ${DEFAULT_DAYS} days\n`);
const width = 38;
console.log(''.padEnd(width) + results.map((r) => r.design.padStart(16)).join(''));
for (const [label, f] of rows) console.log(label.padEnd(width) + results.map((r) => f(r).padStart(16)).join(''));
for (const r of results) for (const u of r.unprotected) console.log(`${r.design}: ${u.machine} unprotected: ${u.reason}`);
