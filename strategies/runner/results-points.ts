/**
 * Recovery points and consistency per machine, from job records. RPO
 * achieved is measured, not configured: the longest gap between consecutive
 * restore points of a machine, and the age of its newest point at the end,
 * or, for a design that measures its own exposure (BackupDesign.measuredRpo,
 * a CDP journal), that figure.
 */
import type { MeasuredRpo } from '../protocol.js';
import type { ConsistencyLabel, JobRecord } from '../recorder.js';
import type { MachineConsistency, MachinePoints, RecoveryPointResults } from '../results.js';

const LABELS: readonly ConsistencyLabel[] = ['application-consistent', 'crash-consistent', 'damaged', 'unknown'];

/** Point-creating jobs per machine, in the order machines first appear, each list in point-time order. */
function pointsByMachine(jobs: readonly JobRecord[], machines: readonly string[]): Map<string, JobRecord[]> {
  const out = new Map<string, JobRecord[]>(machines.map((m) => [m, []]));
  for (const j of jobs) {
    if (j.restorePointId === null) continue;
    const list = out.get(j.machine) ?? [];
    list.push(j);
    out.set(j.machine, list);
  }
  for (const list of out.values()) list.sort(byPointTime);
  return out;
}

export function pointTime(j: JobRecord): number {
  return j.pointSec ?? j.startSec;
}

// Module-level functions, not arrows made per run, so V8 keeps their optimized code from one run to the next.

function byPointTime(a: JobRecord, b: JobRecord): number {
  return pointTime(a) - pointTime(b);
}

function zeroCounts(): Record<ConsistencyLabel, number> {
  const counts = {} as Record<ConsistencyLabel, number>;
  for (const l of LABELS) counts[l] = 0;
  return counts;
}

export function recoveryPoints(
  jobs: readonly JobRecord[],
  machines: readonly string[],
  endSec: number,
  measured: (machine: string) => MeasuredRpo | null = () => null,
): RecoveryPointResults {
  const rows: MachinePoints[] = [];
  let total = 0;
  let worstGap: number | null = null;
  let worstAge: number | null = null;
  for (const [machine, list] of pointsByMachine(jobs, machines)) {
    total += list.length;
    let maxGap: number | null = null;
    for (let i = 1; i < list.length; i++) maxGap = Math.max(maxGap ?? 0, pointTime(list[i]!) - pointTime(list[i - 1]!));
    const first = list.length > 0 ? pointTime(list[0]!) : null;
    const last = list.length > 0 ? pointTime(list[list.length - 1]!) : null;
    let age = last === null ? null : endSec - last;
    // A design that measures its own exposure (a CDP journal) is judged by it.
    const own = measured(machine);
    if (own !== null) {
      maxGap = own.maxGapSec;
      age = own.lastPointAgeSec;
    }
    if (maxGap !== null) worstGap = Math.max(worstGap ?? 0, maxGap);
    if (age !== null) worstAge = Math.max(worstAge ?? 0, age);
    rows.push({ machine, points: list.length, firstPointSec: first, lastPointSec: last, maxGapSec: maxGap, lastPointAgeSec: age });
  }
  return { total, rpoMaxGapSec: worstGap, rpoLastPointAgeSecMax: worstAge, machines: rows };
}

export function consistencyPerMachine(jobs: readonly JobRecord[], machines: readonly string[]): MachineConsistency[] {
  const out: MachineConsistency[] = [];
  for (const [machine, list] of pointsByMachine(jobs, machines)) {
    const counts = zeroCounts();
    for (const j of list) counts[j.consistency]++;
    out.push({ machine, counts, latest: list.length > 0 ? list[list.length - 1]!.consistency : null });
  }
  return out;
}
