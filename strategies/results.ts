/**
 * The results of running one backup design on one world: plain, JSON-able
 * data with units in the key names (DESIGN.md decision 12, STYLE.md principle
 * 7). Everything here is computed after the run from the recorder's job,
 * snapshot and restore records, the impact monitor and the repositories;
 * nothing is a figure a design stated about itself.
 *
 * Same seed, same world, same design: deep-equal results (no wall-clock
 * figures, no map-order accidents: every list is in estate or time order).
 */
import type { DesignCapabilities, DesignFamily, Unprotected } from './protocol.js';
import type { ConsistencyLabel, FaultRecord, JobKind } from './recorder.js';
import type { DesignSeries } from './results-series.js';

export type { DesignSeries } from './results-series.js';

export const RESULTS_SCHEMA_VERSION = 2;

/** Mean and maximum of a quantity (0 and 0 when there is nothing to measure). */
export interface MeanMax {
  mean: number;
  max: number;
}

export interface JobCounts {
  total: number;
  done: number;
  degraded: number;
  failed: number;
  /** Jobs the design cannot do at all (a tape copy by a design that cannot write tape...), each with its reason in `failures`. */
  unsupported: number;
  /** Jobs that started and had not ended when the run ended. */
  unfinishedAtEnd: number;
  byKind: Partial<Record<JobKind, number>>;
}

/** One night's backup window: from the first job start to the last job end of the night. */
export interface BackupWindow {
  night: number;
  startSec: number;
  endSec: number;
  durationSec: number;
  jobs: number;
  bytesRead: number;
  bytesSent: number;
  /** Bytes read from production storage per second of window. */
  readThroughputBytesPerSec: number;
}

/** Production impact over some span of time, pooled over every machine with a workload. */
export interface ImpactFigures {
  /** Seconds of machine time measured (machines x seconds). */
  observedMachineSec: number;
  ioDemandedBytes: number;
  ioDeliveredBytes: number;
  /** Delivered / demanded (1 when nothing was demanded). */
  ioDeliveredRatio: number;
  cpuDeliveredRatio: number;
  /** Latency / zero-load latency, time-weighted over machines. */
  latencyInflationMean: number;
  latencyInflationP95: number;
}

export interface HostImpactFigures {
  host: string;
  latencyInflationP95: number;
  latencyInflationMax: number;
  cpuUtilisationMean: number;
  cpuUtilisationPeak: number;
}

export interface ImpactResults {
  /**
   * Pooled from the impact monitor's per-machine series (bucket means of
   * `bucketSec`): `overall` over the whole run, `duringBackup` over the time
   * the nightly windows cover (buckets weighted by their overlap with a window).
   */
  bucketSec: number;
  overall: ImpactFigures;
  duringBackup: ImpactFigures;
  /** Exact (not bucketed) per-host figures from the monitor. */
  hosts: HostImpactFigures[];
  /** The worst machine's exact p95 latency inflation over the run. */
  worstMachineLatencyInflationP95: number;
}

export interface SnapshotFigures {
  count: number;
  lifetimeSec: MeanMax;
  extraIoBytes: number;
  consolidationSec: MeanMax;
  stunSecMax: number;
  lost: number;
}

export interface MachinePoints {
  machine: string;
  points: number;
  firstPointSec: number | null;
  lastPointSec: number | null;
  /** Longest time between consecutive restore points (RPO achieved between backups). */
  maxGapSec: number | null;
  /** Age of the newest point when the run ended. */
  lastPointAgeSec: number | null;
}

export interface RecoveryPointResults {
  total: number;
  /** Worst over machines with points. */
  rpoMaxGapSec: number | null;
  rpoLastPointAgeSecMax: number | null;
  machines: MachinePoints[];
}

export interface MachineConsistency {
  machine: string;
  counts: Record<ConsistencyLabel, number>;
  /** The newest point's label (null: no point). */
  latest: ConsistencyLabel | null;
}

export interface RestoreKindFigures {
  kind: string;
  count: number;
  done: number;
  failed: number;
  unsupported: number;
  /** From request to service back (RTO). */
  serviceSec: MeanMax;
  completeSec: MeanMax;
  /**
   * Restores that ran the VM from its backup (instant recovery, lab,
   * verification): how long, and the application I/O delivered against
   * demanded while it did (1: the backup served it like production, or
   * nothing was demanded, as in a verification, which runs no workload).
   * Absent for other kinds.
   */
  runFromBackup?: { ranSec: MeanMax; ioDeliveredRatio: number };
}

/** One restore a scheduled drill made (a lab makes one per machine it started): what it delivered, or why not. */
export interface DrillResult {
  /** Index of the drill in the scenario's `drills` (0-based). */
  drill: number;
  kind: string;
  /** Machine path, `vm/fs-01`. */
  machine: string;
  requestedSec: number;
  /** The recovery point restored (or found and not restored), as its time; null when none was found. */
  pointSec: number | null;
  state: 'done' | 'failed' | 'unsupported';
  /** Done: whether the restored content was checked against the protected data or read back. */
  verified?: boolean;
  /** Failed or unsupported: why. Done: what qualifies it, if anything (read from tape, checked for readability only...). */
  reason?: string;
  /** Seconds from the request to service back (RTO), and to the end (a failure: to when it gave up). */
  serviceSec: number;
  completeSec: number;
  bytesRead: number;
  /** Facts worth showing (where the data came from, a fallback taken); absent when there are none. */
  notes?: string[];
}

export interface RepositoryFigures {
  target: string;
  points: number;
  physicalBytes: number;
  restorableLogicalBytes: number;
  /** Restorable logical / physical (dedupe and compression). */
  dataReductionRatio: number;
}

/** Jobs that noted the same thing (strategies/runner/results-notes.ts). */
export interface JobNoteGroup {
  /** The note with every number blanked as `#`: `disk #: fell back to network`. */
  note: string;
  jobs: number;
  machines: number;
  /** Job kinds among them, in order of first appearance. */
  kinds: JobKind[];
  /** The first job with this note, and its note as written. */
  first: { machine: string; kind: JobKind; startSec: number; text: string };
}

export interface JobFailure {
  machine: string;
  kind: JobKind;
  startSec: number;
  /** 'unsupported': the design cannot do this job at all; 'failed' (or absent): it tried and failed. */
  state?: 'failed' | 'unsupported';
  reason: string;
}

/** What tape drives did for a set of jobs (strategies/runner/results-tape.ts). */
export interface TapeFigures {
  jobs: number;
  bytesWritten: number;
  /** Seconds the jobs spent writing to drives (cartridge loads included). */
  writeSec: number;
  /** bytesWritten / writeSec: the speed the drives really reached, to set against their native speed. */
  effectiveBytesPerSec: number;
  /** Stop-reposition cycles because a drive's buffer ran dry (shoe-shining). */
  backhitches: number;
  repositionSec: number;
  streamingSec: number;
  /** Time feeds were held back by a full drive buffer. */
  stalledSec: number;
  cartridgesLoaded: number;
}

/** A drive the jobs wrote to, with the speeds its generation (or the scenario) gave it, bytes/s. */
export interface TapeDriveSpeeds {
  drive: string;
  nativeBytesPerSec: number;
  /** Fed slower than this, the drive backhitches. */
  minStreamBytesPerSec: number;
}

export interface TapeResults {
  total: TapeFigures;
  /** The drives written to, in order of first use: what the effective speeds compare against. */
  drives: TapeDriveSpeeds[];
  /** Per job kind (full, incremental: straight to tape; tape-copy: disk to tape), in order of first appearance. */
  byKind: (TapeFigures & { kind: JobKind })[];
}

export interface DesignResult {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  design: string;
  family: DesignFamily;
  capabilities: DesignCapabilities;
  seed: number | string;
  days: number;
  endSec: number;
  /** The simulation's own outcome: 'until' when it ran to the end. */
  run: { state: string; events: number };
  jobs: JobCounts;
  windows: BackupWindow[];
  window: { count: number; durationSec: MeanMax; readThroughputBytesPerSec: number };
  impact: ImpactResults;
  cpuCycles: { guest: number; host: number; proxy: number; target: number };
  bytes: { read: number; sent: number; logical: number; stored: number };
  /** Logical bytes of the points created / new physical bytes they stored (0 when nothing was stored). */
  dedupeRatio: number;
  repositories: RepositoryFigures[];
  holdingAreaPeakBytes: { max: number; byProxy: { proxy: string; peakBytes: number }[] };
  snapshots: SnapshotFigures;
  storageSnapshots: SnapshotFigures;
  recoveryPoints: RecoveryPointResults;
  consistency: MachineConsistency[];
  unprotected: Unprotected[];
  restores: RestoreKindFigures[];
  /** Every restore the scenario's drills made, in drill order; absent when it scheduled none. */
  drills?: DrillResult[];
  failures: JobFailure[];
  /** What the jobs noted (fallbacks, resets, refusals, queueing), grouped, in order of first appearance; absent when no job noted anything. */
  jobNotes?: JobNoteGroup[];
  /** Faults the scenario scheduled (bit rot on a repository...), in the order they struck; absent when none was. */
  faults?: FaultRecord[];
  /** Tape drive statistics; absent when the design wrote nothing to tape. */
  tape?: TapeResults;
  /** Bounded time series for charts (schema version 2). */
  series: DesignSeries;
  /**
   * Rows a results file left out to stay small on a large estate (machines of
   * recoveryPoints and consistency, unprotected, failures; drill rows beyond
   * 1,000 and job note groups beyond 100, counted only then); absent when
   * nothing was.
   */
  omitted?: { machines: number; unprotected: number; failures: number; drills?: number; jobNotes?: number };
}
