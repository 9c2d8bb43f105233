/**
 * The results file (results.json, schema version 2): a run of one scenario
 * (`kind: 'run'`, every design's full DesignResult with its series) or a sweep
 * (`kind: 'sweep'`, flat per-design summaries per seed and grid point, and
 * their medians with confidence intervals). Written by `writeResultsText`
 * (results-json.ts), read back by `readResultsFile`, which refuses any other
 * schema version.
 */
import { readFileSync } from 'node:fs';
import { RESULTS_SCHEMA_VERSION, type DesignResult } from '../strategies/results.js';

export type { DesignResult };

export interface Generator {
  name: 'vmbsim';
  /** package.json version. */
  version: string;
}

export interface ScenarioHeader {
  name: string;
  title: string;
  description: string;
  claims: string[];
  /** The scenario after defaults, as compiled. */
  normalised: unknown;
}

export interface RunResultsFile {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  kind: 'run';
  generator: Generator;
  scenario: ScenarioHeader;
  seed: number | string;
  days: number;
  /** In scenario order. */
  designs: DesignResult[];
}

export type VaryValue = string | number | boolean;

/** One design's headline figures, flat, units in the key names; null where there is nothing to measure. */
export interface DesignSummary {
  design: string;
  family: string;
  backupWindowMeanSec: number;
  readThroughputBytesPerSec: number;
  latencyInflationP95DuringBackup: number;
  ioDeliveredRatioDuringBackup: number;
  bytesRead: number;
  bytesSent: number;
  bytesStored: number;
  dedupeRatio: number;
  rpoMaxGapSec: number | null;
  restoreVmServiceSecMean: number | null;
  instantRecoveryServiceSecMean: number | null;
  fileRestoreCompleteSecMean: number | null;
  hostCpuCycles: number;
  guestCpuCycles: number;
  unprotectedMachines: number;
  failedJobs: number;
}

/** The numeric metrics of a DesignSummary, in file order. */
export type SummaryMetric = Exclude<keyof DesignSummary, 'design' | 'family'>;

export interface MetricAggregate {
  /** Runs with a value (null values are left out). */
  n: number;
  median: number;
  /** 95% confidence interval of the median (order statistics; the whole range when n is too small). */
  ciLow: number;
  ciHigh: number;
  min: number;
  max: number;
}

export interface SweepRun {
  /** The replication seed (one of the sweep's seeds). */
  seed: number | string;
  /** The seed the run used: derived from the replication seed, the scenario name and the grid point. */
  runSeed: number;
  designs: DesignSummary[];
}

export interface SweepPoint {
  /** Key -> value for this grid point. */
  assignment: Record<string, VaryValue>;
  /** One per seed, in seed order. */
  runs: SweepRun[];
  aggregate: { design: string; metrics: Record<string, MetricAggregate> }[];
}

export interface SweepResultsFile {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  kind: 'sweep';
  generator: Generator;
  scenario: ScenarioHeader;
  seeds: (number | string)[];
  /** [] for seed-only sweeps. */
  vary: { key: string; values: VaryValue[] }[];
  /** Present only on a slice of a sharded sweep. */
  shard?: { index: number; count: number };
  /** Grid points in row-major order of `vary`. */
  points: SweepPoint[];
}

export type ResultsFile = RunResultsFile | SweepResultsFile;

/** A results file that cannot be used: the message names the file and what is wrong. */
export class ResultsFileError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'ResultsFileError';
  }
}

/** Parses a results file's text; throws a ResultsFileError for anything but a schema version 2 run or sweep. */
export function parseResultsText(text: string, file: string): ResultsFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ResultsFileError(file, `not a JSON results file (${(e as Error).message})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ResultsFileError(file, 'not a results file: expected a JSON object');
  const o = data as Record<string, unknown>;
  if (o.schemaVersion !== RESULTS_SCHEMA_VERSION) {
    const found = o.schemaVersion === undefined ? 'none' : JSON.stringify(o.schemaVersion);
    throw new ResultsFileError(file, `results schema version ${found} found, version ${RESULTS_SCHEMA_VERSION} expected (re-run the scenario with this vmbsim to regenerate it)`);
  }
  if (o.kind !== 'run' && o.kind !== 'sweep') throw new ResultsFileError(file, `unknown results kind ${JSON.stringify(o.kind)}: expected "run" or "sweep"`);
  const list = o.kind === 'run' ? o.designs : o.points;
  if (!Array.isArray(list)) throw new ResultsFileError(file, `a ${o.kind} results file needs ${o.kind === 'run' ? 'designs' : 'points'} as an array`);
  return data as ResultsFile;
}

export function readResultsFile(path: string): ResultsFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ResultsFileError(path, `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return parseResultsText(text, path);
}
