/**
 * Time series of one design's run, for charts (results schema version 2).
 * Every array is bounded whatever the estate size or the run length: a fixed
 * number of buckets (`SERIES_LIMITS.buckets`), a fixed number of rows per
 * chart, at most `SERIES_LIMITS.jobBars` job bars. Values are finite numbers;
 * series values are rounded to `SERIES_LIMITS.significantDigits` significant
 * digits, which is far finer than a chart can show and keeps files small.
 */

export const SERIES_LIMITS = {
  /** Most buckets per series; the bucket width is the impact bucket width times a power of two. */
  buckets: 480,
  impactMachines: 8,
  impactHosts: 8,
  utilisation: 40,
  concurrencyLanes: 24,
  jobBars: 2000,
  significantDigits: 4,
} as const;

export type ResourceKind = 'datastore' | 'nic' | 'cpu' | 'target' | 'proxy' | 'link' | 'tape' | 'other';
export type LaneKind = 'proxy' | 'host' | 'target';

/** One machine's or host's impact per bucket. */
export interface ImpactRow {
  name: string;
  /** Delivered / demanded application I/O per bucket (0 = not observed). */
  deliveredRatio: number[];
  /** Latency / zero-load latency per bucket (0 = not observed; an observed value is >= 1). */
  latencyInflation: number[];
}

export interface UtilisationRow {
  resource: string;
  kind: ResourceKind;
  /** Highest bucket value. */
  peak: number;
  /** Mean utilisation per bucket, 0..1. */
  values: number[];
}

export interface JobBar {
  machine: string;
  kind: string;
  lane: string;
  laneKind: LaneKind;
  startSec: number;
  endSec: number;
  state: 'done' | 'degraded' | 'failed';
  /** VM snapshot lifetime when the job had one. */
  snapshot?: { startSec: number; endSec: number };
}

export interface ConcurrencyRow {
  lane: string;
  laneKind: LaneKind;
  /** Mean running jobs per bucket. */
  values: number[];
}

/** Cumulative figures at the end of one day (storage over all repositories, bytes over all jobs ended by then). */
export interface StorageDay {
  day: number;
  logicalBytes: number;
  storedBytes: number;
  sentBytes: number;
  readBytes: number;
  points: number;
}

export interface DesignSeries {
  /** Width of every per-bucket array; bucket i = [i*bucketSec, (i+1)*bucketSec). */
  bucketSec: number;
  impact: {
    /** Top machines by p95 latency inflation (ties: name order). */
    machines: ImpactRow[];
    /** Top hosts by p95 latency inflation (ties: name order). */
    hosts: ImpactRow[];
    /** Latency inflation quantile band over all observed machines per bucket (0 = none observed). */
    fleet: { p50: number[]; p95: number[]; max: number[] };
  };
  /** Top resources by peak, then in kind and name order. */
  utilisation: UtilisationRow[];
  /** Job bars of whole machines in name order, until the limit. */
  jobs: JobBar[];
  /** Bars left out past the limit. */
  jobsTruncated: number;
  /** Top lanes by job time, then in lane kind and name order. */
  concurrency: ConcurrencyRow[];
  storage: StorageDay[];
}
