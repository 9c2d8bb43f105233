/**
 * What the report reads: the results file of /tmp/contract.md (schemaVersion 2),
 * declared here structurally because reports/ imports nothing from the engine,
 * the strategies or the scenarios (test/layering.test.ts). Only the fields the
 * report draws are declared, and every union of the producers is widened to
 * `string`, so the producers' types stay assignable to these
 * (test/report-types.test.ts checks it at compile time).
 *
 * Units are in the key names; times are simulated seconds from the run start.
 */

export interface MeanMax {
  readonly mean: number;
  readonly max: number;
}

export interface BackupWindow {
  readonly night: number;
  readonly startSec: number;
  readonly endSec: number;
  readonly durationSec: number;
  readonly jobs: number;
  readonly bytesRead: number;
  readonly bytesSent: number;
  readonly readThroughputBytesPerSec: number;
}

export interface ImpactFigures {
  readonly ioDeliveredRatio: number;
  readonly cpuDeliveredRatio: number;
  readonly latencyInflationMean: number;
  readonly latencyInflationP95: number;
}

export interface HostImpactFigures {
  readonly host: string;
  readonly latencyInflationP95: number;
  readonly latencyInflationMax: number;
  readonly cpuUtilisationMean: number;
  readonly cpuUtilisationPeak: number;
}

export interface MachinePoints {
  readonly machine: string;
  readonly points: number;
  readonly maxGapSec: number | null;
  readonly lastPointAgeSec: number | null;
}

export interface MachineConsistency {
  readonly machine: string;
  readonly counts: Readonly<Record<string, number>>;
  readonly latest: string | null;
}

export interface RestoreKindFigures {
  readonly kind: string;
  readonly count: number;
  readonly done: number;
  readonly failed: number;
  readonly unsupported: number;
  readonly serviceSec: MeanMax;
  readonly completeSec: MeanMax;
  /**
   * A VM that ran from its backup (instant recovery, lab, verification): how
   * long, and application I/O delivered / demanded meanwhile (1: served like
   * production, or nothing demanded). Absent for other kinds and older files.
   */
  readonly runFromBackup?: { readonly ranSec: MeanMax; readonly ioDeliveredRatio: number };
}

/** What tape drives did for a set of jobs; `effectiveBytesPerSec` = bytesWritten / writeSec. */
export interface TapeFigures {
  readonly jobs: number;
  readonly bytesWritten: number;
  readonly writeSec: number;
  readonly effectiveBytesPerSec: number;
  /** Stop-reposition cycles because a drive's buffer ran dry (shoe-shining). */
  readonly backhitches: number;
  readonly repositionSec: number;
  readonly streamingSec: number;
  readonly stalledSec: number;
  readonly cartridgesLoaded: number;
}

export interface TapeResults {
  readonly total: TapeFigures;
  /** The drives written to and their speeds, bytes/s; absent in files written before they were recorded. */
  readonly drives?: readonly { readonly drive: string; readonly nativeBytesPerSec: number; readonly minStreamBytesPerSec: number }[];
  readonly byKind: readonly (TapeFigures & { readonly kind: string })[];
}

/** A scheduled fault: what it hit ('applied'), or why it hit nothing ('missed'). */
export interface FaultRecord {
  readonly kind: string;
  readonly machine: string;
  readonly atSec: number;
  readonly state: string; // 'applied' | 'missed'
  readonly detail: string;
  readonly pointSec: number | null;
  readonly target: string | null;
}

/** Jobs that noted the same thing (strategies/results.ts JobNoteGroup). */
export interface JobNoteGroup {
  readonly note: string;
  readonly jobs: number;
  readonly machines: number;
  readonly kinds: readonly string[];
  readonly first: { readonly machine: string; readonly kind: string; readonly startSec: number; readonly text: string };
}

/** One restore a scheduled drill made: what it delivered, or why not (strategies/results.ts DrillResult). */
export interface DrillRecord {
  readonly drill: number;
  readonly kind: string;
  readonly machine: string;
  readonly requestedSec: number;
  readonly pointSec: number | null;
  readonly state: string; // 'done' | 'failed' | 'unsupported'
  readonly verified?: boolean;
  readonly reason?: string;
  readonly serviceSec: number;
  readonly completeSec: number;
  readonly bytesRead: number;
  readonly notes?: readonly string[];
}

export interface RepositoryFigures {
  readonly target: string;
  readonly points: number;
  readonly physicalBytes: number;
  readonly restorableLogicalBytes: number;
  readonly dataReductionRatio: number;
}

/** One row of production impact per bucket (0: not observed in that bucket). */
export interface ImpactRow {
  readonly name: string;
  readonly deliveredRatio: readonly number[];
  readonly latencyInflation: readonly number[];
}

export type LaneKind = string; // 'proxy' | 'host' | 'target'

export interface JobBar {
  readonly machine: string;
  readonly kind: string;
  readonly lane: string;
  readonly laneKind: LaneKind;
  readonly startSec: number;
  readonly endSec: number;
  readonly state: string; // 'done' | 'degraded' | 'failed'
  readonly snapshot?: { readonly startSec: number; readonly endSec: number };
}

export interface UtilisationRow {
  readonly resource: string;
  readonly kind: string;
  readonly peak: number;
  /** Utilisation 0..1 per bucket. */
  readonly values: readonly number[];
}

export interface StorageDay {
  readonly day: number;
  readonly logicalBytes: number;
  readonly storedBytes: number;
  readonly sentBytes: number;
  readonly readBytes: number;
  readonly points: number;
}

export interface DesignSeries {
  /** Width of every per-bucket array: bucket i = [i*bucketSec, (i+1)*bucketSec). */
  readonly bucketSec: number;
  readonly impact: {
    readonly machines: readonly ImpactRow[];
    readonly hosts: readonly ImpactRow[];
    readonly fleet: { readonly p50: readonly number[]; readonly p95: readonly number[]; readonly max: readonly number[] };
  };
  readonly utilisation: readonly UtilisationRow[];
  readonly jobs: readonly JobBar[];
  readonly jobsTruncated: number;
  readonly concurrency: readonly { readonly lane: string; readonly laneKind: LaneKind; readonly values: readonly number[] }[];
  readonly storage: readonly StorageDay[];
}

export interface DesignCapabilities {
  readonly family: string;
  readonly platforms: readonly string[];
  readonly targets: readonly string[];
  readonly dedupe: readonly string[];
  readonly restores: readonly string[];
  readonly consistency: string;
}

export interface DesignResult {
  readonly design: string;
  readonly family: string;
  readonly capabilities: DesignCapabilities;
  readonly days: number;
  readonly endSec: number;
  readonly jobs: { readonly total: number; readonly done: number; readonly degraded: number; readonly failed: number; readonly unfinishedAtEnd: number };
  readonly windows: readonly BackupWindow[];
  readonly window: { readonly count: number; readonly durationSec: MeanMax; readonly readThroughputBytesPerSec: number };
  readonly impact: {
    readonly bucketSec: number;
    readonly overall: ImpactFigures;
    readonly duringBackup: ImpactFigures;
    readonly hosts: readonly HostImpactFigures[];
    readonly worstMachineLatencyInflationP95: number;
  };
  readonly cpuCycles: { readonly guest: number; readonly host: number; readonly proxy: number; readonly target: number };
  readonly bytes: { readonly read: number; readonly sent: number; readonly logical: number; readonly stored: number };
  readonly dedupeRatio: number;
  readonly repositories: readonly RepositoryFigures[];
  readonly holdingAreaPeakBytes: { readonly max: number; readonly byProxy: readonly { readonly proxy: string; readonly peakBytes: number }[] };
  readonly snapshots: { readonly count: number; readonly lifetimeSec: MeanMax };
  readonly recoveryPoints: {
    readonly total: number;
    readonly rpoMaxGapSec: number | null;
    readonly rpoLastPointAgeSecMax: number | null;
    readonly machines: readonly MachinePoints[];
  };
  readonly consistency: readonly MachineConsistency[];
  readonly unprotected: readonly { readonly machine: string; readonly reason: string }[];
  readonly restores: readonly RestoreKindFigures[];
  /** Every restore the drills made, in drill order; absent when the scenario scheduled none (and in older files). */
  readonly drills?: readonly DrillRecord[];
  readonly failures: readonly { readonly machine: string; readonly kind: string; readonly startSec: number; readonly reason: string }[];
  /** What the jobs noted, grouped; absent when no job noted anything (and in older files). */
  readonly jobNotes?: readonly JobNoteGroup[];
  /** Scheduled faults in the order they struck; absent when the scenario scheduled none. */
  readonly faults?: readonly FaultRecord[];
  /** Tape drive statistics; absent when the design wrote nothing to tape. */
  readonly tape?: TapeResults;
  readonly series: DesignSeries;
}

export interface ScenarioInfo {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly claims: readonly string[];
  readonly normalised: unknown;
}

export interface Generator {
  readonly name: string;
  readonly version: string;
}

export interface RunResultsFile {
  readonly schemaVersion: 2;
  readonly kind: 'run';
  readonly generator: Generator;
  readonly scenario: ScenarioInfo;
  readonly seed: number | string;
  readonly days: number;
  readonly designs: readonly DesignResult[];
}

/** One metric's distribution over seeds at one grid point. */
export interface MetricAggregate {
  readonly n: number;
  readonly median: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  readonly min: number;
  readonly max: number;
}

/**
 * Flat per-design metrics with units in the key names. Only `design` and
 * `family` are declared: the metrics are read by key (`summaryMetric`), so a
 * producer's interface with any set of metric keys stays assignable.
 */
export interface DesignSummary {
  readonly design: string;
  readonly family: string;
}

/** A summary's numeric metric by key; null when absent, not a number or not finite. */
export function summaryMetric(summary: DesignSummary, key: string): number | null {
  const v = (summary as unknown as Record<string, unknown>)[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export interface SweepPoint {
  readonly assignment: Readonly<Record<string, string | number | boolean>>;
  readonly runs: readonly { readonly seed: number | string; readonly designs: readonly DesignSummary[] }[];
  readonly aggregate: readonly { readonly design: string; readonly metrics: Readonly<Record<string, MetricAggregate>> }[];
}

export interface SweepResultsFile {
  readonly schemaVersion: 2;
  readonly kind: 'sweep';
  readonly generator: Generator;
  readonly scenario: ScenarioInfo;
  readonly seeds: readonly (number | string)[];
  readonly vary: readonly { readonly key: string; readonly values: readonly (string | number | boolean)[] }[];
  readonly shard?: { readonly index: number; readonly count: number };
  readonly points: readonly SweepPoint[];
}

export type ReportInput = RunResultsFile | SweepResultsFile | readonly RunResultsFile[];
