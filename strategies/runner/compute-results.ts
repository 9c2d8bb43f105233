/** Assembles a DesignResult after a run (strategies/results.ts describes every field). */
import type { ImpactMonitor } from '../../sim/workload/impact-monitor.js';
import type { World } from '../../sim/world/world.js';
import type { BackupDesign } from '../protocol.js';
import type { BackupRecorder, JobRecord, SnapshotRecord } from '../recorder.js';
import { RESULTS_SCHEMA_VERSION, type DesignResult } from '../results.js';
import type { TargetRepository } from '../target-repository.js';
import { impactResults } from './results-impact.js';
import { backupWindows, cpuAndBytes, failures, jobCounts, windowSummary } from './results-jobs.js';
import { consistencyPerMachine, recoveryPoints } from './results-points.js';
import { restoreFigures, snapshotFigures } from './results-snapshots.js';
import { drillResults } from './results-drills.js';
import { jobNoteGroups } from './results-notes.js';
import { designSeries } from './results-series.js';
import { tapeResults } from './results-tape.js';
import type { RepositoryDay } from './results-series-jobs.js';

export interface ResultInputs {
  design: BackupDesign;
  world: World;
  recorder: BackupRecorder;
  impact: ImpactMonitor;
  repositories: ReadonlyMap<string, TargetRepository>;
  seed: number | string;
  days: number;
  endSec: number;
  run: { state: string; events: number };
  /** Machines the design planned to protect, in estate order. */
  protectedMachines: readonly string[];
  /** Repository figures at the end of each day (the run session samples them). */
  repositoryDays: readonly RepositoryDay[];
  /** The impact monitor's initial bucket width, seconds. */
  impactBucketSec: number;
}

export function computeResults(x: ResultInputs): DesignResult {
  const jobs = x.recorder.jobs;
  const windows = backupWindows(jobs);
  const peaks = [...x.recorder.holdingAreaPeakBytes].sort((a, b) => a[0].localeCompare(b[0]));
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    design: x.design.name,
    family: x.design.capabilities.family,
    capabilities: x.design.capabilities,
    seed: x.seed,
    days: x.days,
    endSec: x.endSec,
    run: x.run,
    jobs: jobCounts(x.recorder),
    windows,
    window: windowSummary(windows),
    impact: impactResults(x.impact, windows, x.endSec),
    ...cpuAndBytes(jobs),
    repositories: [...x.repositories.values()].map((r) => {
      const s = r.repository.stats();
      return { target: r.name, points: s.points, physicalBytes: s.physicalBytes, restorableLogicalBytes: s.restorableLogicalBytes, dataReductionRatio: s.dataReductionRatio };
    }),
    holdingAreaPeakBytes: { max: peaks.reduce((m, [, b]) => Math.max(m, b), 0), byProxy: peaks.map(([proxy, peakBytes]) => ({ proxy, peakBytes })) },
    snapshots: snapshotFigures(vmSnapshots(jobs)),
    storageSnapshots: snapshotFigures(storageSnapshots(jobs)),
    recoveryPoints: recoveryPoints(jobs, x.protectedMachines, x.endSec, (m) => x.design.measuredRpo?.(m, x.endSec) ?? null),
    consistency: consistencyPerMachine(jobs, x.protectedMachines),
    unprotected: [...x.recorder.unprotected],
    restores: restoreFigures(x.recorder.restores),
    ...(x.recorder.restores.length === 0 ? {} : { drills: drillResults(x.recorder.restores) }),
    failures: failures(jobs),
    ...notesOf(jobs),
    ...(x.recorder.faults.length === 0 ? {} : { faults: [...x.recorder.faults] }),
    ...definedTape(tapeResults(jobs)),
    series: designSeries({ world: x.world, recorder: x.recorder, impact: x.impact, repositoryDays: x.repositoryDays, baseBucketSec: x.impactBucketSec, endSec: x.endSec }),
  };
}

// Loops, not flatMap with an arrow: V8 drops an arrow's optimized code when the arrow dies, so an
// arrow made per run is optimized again in every run.

function vmSnapshots(jobs: readonly JobRecord[]): SnapshotRecord[] {
  const out: SnapshotRecord[] = [];
  for (const j of jobs) if (j.snapshot !== null) out.push(j.snapshot);
  return out;
}

function storageSnapshots(jobs: readonly JobRecord[]): SnapshotRecord[] {
  const out: SnapshotRecord[] = [];
  for (const j of jobs) if (j.storageSnapshot !== undefined && j.storageSnapshot !== null) out.push(j.storageSnapshot);
  return out;
}

/** `{ tape }` when there is something to say, so results of designs without tape keep their shape. */
function definedTape(tape: DesignResult['tape']): Pick<DesignResult, 'tape'> {
  return tape === undefined ? {} : { tape };
}

function notesOf(jobs: readonly JobRecord[]): Pick<DesignResult, 'jobNotes'> {
  const groups = jobNoteGroups(jobs);
  return groups.length === 0 ? {} : { jobNotes: groups };
}
