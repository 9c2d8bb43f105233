/** The comparison table `vmbsim run` prints: one column per design, one row per figure. */
import type { DesignResult, SnapshotFigures } from '../../strategies/results.js';
import { blankNumbers } from '../../strategies/runner/results-notes.js';

const fix = (x: number | null | undefined, digits: number): string => (x === null || x === undefined || !Number.isFinite(x) ? '-' : x.toFixed(digits));

function restore(r: DesignResult, kind: string, field: 'serviceSec' | 'completeSec'): string {
  const k = r.restores.find((x) => x.kind === kind);
  if (k === undefined) return '-';
  if (k.done === 0) return k.unsupported > 0 ? 'n/a' : 'failed';
  return fix(k[field].mean, 1);
}

/** 'passed' only when every verification passed: one bad point is what verification is for (claim 9). */
function verdict(r: DesignResult): string {
  const k = r.restores.find((x) => x.kind === 'verification');
  if (k === undefined) return '-';
  if (k.done === k.count) return 'passed';
  if (k.failed > 0) return `${k.failed} of ${k.count} failed`;
  return k.done > 0 ? `${k.done} of ${k.count} passed` : 'n/a';
}

export const TABLE_ROWS: readonly [string, (r: DesignResult) => string][] = [
  ['backup window, mean (h)', (r) => fix(r.window.durationSec.mean / 3600, 2)],
  ['bytes read (GB)', (r) => fix(r.bytes.read / 1e9, 1)],
  ['bytes sent over the network (GB)', (r) => fix(r.bytes.sent / 1e9, 1)],
  ['bytes stored (GB)', (r) => fix(r.bytes.stored / 1e9, 1)],
  ['dedupe ratio', (r) => fix(r.dedupeRatio, 1)],
  ['latency inflation during backup, p95', (r) => fix(r.impact.duringBackup.latencyInflationP95, 2)],
  ['host CPU on backup (Tcycles)', (r) => fix(r.cpuCycles.host / 1e12, 2)],
  ['guest CPU on backup (Tcycles)', (r) => fix(r.cpuCycles.guest / 1e12, 2)],
  ['restore points', (r) => String(r.recoveryPoints.total)],
  ['RPO, worst gap (min)', (r) => fix(r.recoveryPoints.rpoMaxGapSec === null ? null : r.recoveryPoints.rpoMaxGapSec / 60, 1)],
  ['full VM restore, RTO (s)', (r) => restore(r, 'vm', 'serviceSec')],
  ['instant recovery, RTO (s)', (r) => restore(r, 'instant-recovery', 'serviceSec')],
  ['file restore (s)', (r) => restore(r, 'file', 'completeSec')],
  ['verification', (r) => verdict(r)],
  ['failed jobs', (r) => String(r.jobs.failed)],
  ['jobs the design cannot do', (r) => String(r.jobs.unsupported)],
  ['unprotected machines', (r) => String(r.unprotected.length + (r.omitted?.unprotected ?? 0))],
];

/**
 * Rows an architect needs only when a design did the thing they measure
 * (DOMAIN.md claims 6 and 7: a VCB holding area, snapshot lifetimes and
 * their extra I/O, consolidation; tape speed and shoe-shining): each is
 * printed only when some design has a non-zero value, so a run without tape
 * or VCB keeps the table short. `value` is what decides; `text` is what shows.
 */
export const OPTIONAL_ROWS: readonly { label: string; value: (r: DesignResult) => number | null; text: (r: DesignResult) => string }[] = [
  { label: 'proxy holding-area peak (GB)', value: (r) => r.holdingAreaPeakBytes.max, text: (r) => fix(r.holdingAreaPeakBytes.max / 1e9, 1) },
  ...snapshotRows('snapshot', (r) => r.snapshots),
  ...snapshotRows('array snapshot', (r) => r.storageSnapshots),
  { label: 'tape effective speed (MB/s)', value: (r) => r.tape?.total.effectiveBytesPerSec ?? null, text: (r) => fix(mega(r.tape?.total.effectiveBytesPerSec ?? null), 1) },
  { label: 'tape drive native speed (MB/s)', value: nativeBytesPerSec, text: (r) => fix(mega(nativeBytesPerSec(r)), 0) },
  { label: 'tape backhitches', value: (r) => r.tape?.total.backhitches ?? null, text: (r) => (r.tape === undefined ? '-' : String(r.tape.total.backhitches)) },
];

const mega = (x: number | null): number | null => (x === null ? null : x / 1e6);

/** The fastest native speed of the drives a design wrote to; null without tape. */
function nativeBytesPerSec(r: DesignResult): number | null {
  return r.tape === undefined || r.tape.drives.length === 0 ? null : Math.max(...r.tape.drives.map((d) => d.nativeBytesPerSec));
}

function snapshotRows(what: string, of: (r: DesignResult) => SnapshotFigures): (typeof OPTIONAL_ROWS)[number][] {
  return [
    { label: `${what} lifetime, max (min)`, value: (r) => of(r).lifetimeSec.max, text: (r) => fix(of(r).lifetimeSec.max / 60, 1) },
    { label: `${what} extra I/O (GB)`, value: (r) => of(r).extraIoBytes, text: (r) => fix(of(r).extraIoBytes / 1e9, 2) },
    { label: `${what} consolidation, max (s)`, value: (r) => of(r).consolidationSec.max, text: (r) => fix(of(r).consolidationSec.max, 1) },
  ];
}

/** The fixed row the optional rows follow: they are backup-side figures, before the recovery rows. */
const OPTIONAL_AFTER = 'guest CPU on backup (Tcycles)';

/** The fixed rows, with the optional rows some design has a non-zero value for after OPTIONAL_AFTER, in their order. */
export function tableRows(results: readonly DesignResult[]): [string, (r: DesignResult) => string][] {
  const optional = OPTIONAL_ROWS.filter((row) => results.some((r) => (row.value(r) ?? 0) > 0)).map((row): [string, (r: DesignResult) => string] => [row.label, row.text]);
  const at = TABLE_ROWS.findIndex(([l]) => l === OPTIONAL_AFTER) + 1;
  return [...TABLE_ROWS.slice(0, at), ...optional, ...TABLE_ROWS.slice(at)];
}

export function comparisonTable(results: readonly DesignResult[]): string {
  const rows = tableRows(results);
  const label = Math.max(...rows.map(([l]) => l.length)) + 2;
  const width = Math.max(12, ...results.map((r) => r.design.length + 2));
  const lines = [''.padEnd(label) + results.map((r) => r.design.padStart(width)).join('')];
  for (const [l, f] of rows) lines.push(l.padEnd(label) + results.map((r) => f(r).padStart(width)).join(''));
  for (const r of results) for (const u of r.unprotected) lines.push(`${r.design}: ${u.machine} unprotected: ${u.reason}`);
  for (const r of results) lines.push(...cannotDo(r));
  for (const r of results) lines.push(...failedJobs(r));
  for (const r of results) lines.push(...drillsNotDone(r));
  return `${lines.join('\n')}\n`;
}

/** Kinds of job failure shown as lines under the table, per design. */
export const FAILURE_LINES_MAX = 10;

/**
 * One line per kind of job failure (reasons alike but for their numbers:
 * `night 3 skipped: the previous job of vm/web-12 was still running`), with
 * how many jobs failed so and the first one's reason, in order of first
 * occurrence.
 */
function failedJobs(r: DesignResult): string[] {
  const all = tally(r.failures.filter((f) => f.state !== 'unsupported'), (f) => blankNumbers(f.reason));
  const lines = all.slice(0, FAILURE_LINES_MAX).map(({ n, first }) => `${r.design}: ${n} failed job(s)${n > 1 ? ', the first' : ''}: ${first.reason}`);
  const more = all.length - lines.length;
  if (more > 0) lines.push(`${r.design}: ${more} more kind(s) of job failure (each in results.json)`);
  if ((r.omitted?.failures ?? 0) > 0) lines.push(`${r.design}: ${r.omitted!.failures} more failed or unsupported job(s) beyond the results file's list`);
  return lines;
}

/** Drill restores shown as lines under the table, per design; the rest are counted (all are in the results file). */
export const DRILL_LINES_MAX = 10;

/** One line per drill restore that failed or that the design cannot do, with its reason. */
function drillsNotDone(r: DesignResult): string[] {
  const missed = (r.drills ?? []).filter((d) => d.state !== 'done');
  const lines = missed.slice(0, DRILL_LINES_MAX).map((d) => `${r.design}: drills[${d.drill}] ${d.kind} of ${d.machine} ${d.state}: ${d.reason ?? 'no reason recorded'}`);
  const more = missed.length - lines.length;
  if (more > 0) lines.push(`${r.design}: ${more} more drill restore(s) not done (each with its reason in results.json)`);
  return lines;
}

/** One line per kind of job the design could not do and why (a tape copy by a design without tape...), in order of first occurrence. */
function cannotDo(r: DesignResult): string[] {
  const kinds = tally(r.failures.filter((f) => f.state === 'unsupported'), (f) => `${f.kind} job(s) it cannot do: ${f.reason}`);
  return kinds.map(({ key, n }) => `${r.design}: ${n} ${key}`);
}

/**
 * Items grouped by key, each group with its count and first item, in order of
 * first occurrence (a Map keeps it, and failures come in time order: the lines
 * are deterministic).
 */
function tally<T>(items: readonly T[], keyOf: (item: T) => string): { key: string; n: number; first: T }[] {
  const groups = new Map<string, { key: string; n: number; first: T }>();
  for (const item of items) {
    const key = keyOf(item);
    const g = groups.get(key);
    if (g === undefined) groups.set(key, { key, n: 1, first: item });
    else g.n++;
  }
  return [...groups.values()];
}
