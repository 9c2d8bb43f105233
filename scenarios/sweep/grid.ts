/**
 * A sweep's plan: seeds (`1..30`, `1,5,9`), a parameter grid (`--vary
 * key=a,b,c`, row-major: the last key varies fastest), and the jobs, one per
 * (grid point, seed), numbered point-major so a shard (`job % count ===
 * index`) takes an even share of every point. Each job's run seed is derived
 * from the replication seed, the scenario name and the grid point, so a job
 * is the same run whichever shard or worker runs it.
 */
import type { VaryValue } from '../results-file.js';

/** A bad sweep argument, naming the argument. */
export class SweepArgumentError extends Error {
  constructor(
    readonly argument: string,
    detail: string,
  ) {
    super(`${argument}: ${detail}`);
    this.name = 'SweepArgumentError';
  }
}

export const MAX_SWEEP_JOBS = 100_000;

export interface VaryAxis {
  key: string;
  values: VaryValue[];
}

export interface SweepJob {
  index: number;
  pointIndex: number;
  seedIndex: number;
  seed: number | string;
  runSeed: number;
  assignment: Record<string, VaryValue>;
}

/** `1..30`, `5`, `1,2,7` or `3..5,9`: distinct whole-number seeds in the order given. */
export function parseSeeds(text: string): number[] {
  const out: number[] = [];
  for (const part of text.split(',').map((p) => p.trim())) {
    const range = /^(-?\d+)\.\.(-?\d+)$/.exec(part);
    if (range !== null) {
      const [from, to] = [Number(range[1]), Number(range[2])];
      if (to < from) throw new SweepArgumentError('--seeds', `range ${part} ends before it starts`);
      if (to - from >= MAX_SWEEP_JOBS) throw new SweepArgumentError('--seeds', `range ${part} has more than ${MAX_SWEEP_JOBS} seeds`);
      for (let s = from; s <= to; s++) out.push(s);
    } else if (/^-?\d+$/.test(part)) out.push(Number(part));
    else throw new SweepArgumentError('--seeds', `expected a whole number or a range like 1..30, got ${JSON.stringify(part)}`);
  }
  const seen = new Set<number>();
  for (const s of out) {
    if (!Number.isSafeInteger(s)) throw new SweepArgumentError('--seeds', `seed ${s} is not a safe integer`);
    if (seen.has(s)) throw new SweepArgumentError('--seeds', `seed ${s} appears twice`);
    seen.add(s);
  }
  return out;
}

/** `key=a,b,c`: values are numbers, booleans or strings, as they read. */
export function parseVary(text: string): VaryAxis {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new SweepArgumentError('--vary', `expected key=a,b,c, got ${JSON.stringify(text)}`);
  const key = text.slice(0, eq).trim();
  const values = text.slice(eq + 1).split(',').map((v) => v.trim());
  if (values.some((v) => v === '')) throw new SweepArgumentError('--vary', `${key}: empty value in ${JSON.stringify(text)}`);
  const parsed = values.map((v): VaryValue => (v === 'true' ? true : v === 'false' ? false : /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(v) ? Number(v) : v));
  if (new Set(parsed.map((v) => JSON.stringify(v))).size !== parsed.length) throw new SweepArgumentError('--vary', `${key}: a value appears twice`);
  return { key, values: parsed };
}

/** Grid points in row-major order of the axes ([{}] for no axes). */
export function gridPoints(axes: readonly VaryAxis[]): Record<string, VaryValue>[] {
  const keys = new Set<string>();
  for (const a of axes) {
    if (keys.has(a.key)) throw new SweepArgumentError('--vary', `${a.key} is varied twice`);
    keys.add(a.key);
  }
  let points: Record<string, VaryValue>[] = [{}];
  for (const a of axes) points = points.flatMap((p) => a.values.map((v) => ({ ...p, [a.key]: v })));
  return points;
}

/** FNV-1a, 32 bits: a stable hash for seed derivation (not for security). */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function runSeedOf(seed: number | string, scenario: string, assignment: Record<string, VaryValue>): number {
  return fnv1a(JSON.stringify([seed, scenario, Object.entries(assignment)]));
}

export function sweepJobs(scenario: string, seeds: readonly (number | string)[], points: readonly Record<string, VaryValue>[]): SweepJob[] {
  if (seeds.length * points.length > MAX_SWEEP_JOBS) throw new SweepArgumentError('--seeds', `${seeds.length} seeds x ${points.length} grid points is more than ${MAX_SWEEP_JOBS} runs`);
  const jobs: SweepJob[] = [];
  points.forEach((assignment, pointIndex) =>
    seeds.forEach((seed, seedIndex) => jobs.push({ index: jobs.length, pointIndex, seedIndex, seed, runSeed: runSeedOf(seed, scenario, assignment), assignment })),
  );
  return jobs;
}

/** `K/N`: slice K (0-based) of N. */
export function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (m === null) throw new SweepArgumentError('--shard', `expected K/N (like 0/4), got ${JSON.stringify(text)}`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!(count >= 1 && index < count)) throw new SweepArgumentError('--shard', `K must be in 0..N-1 and N >= 1, got ${text}`);
  return { index, count };
}
