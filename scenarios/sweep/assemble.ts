/**
 * A sweep's results file from its jobs' summaries: runs grouped by grid
 * point in seed order, and per point and design the median and its 95%
 * confidence interval of every metric. A slice (one shard) holds only its
 * jobs' runs, and no aggregate; merging the slices assembles the same file
 * as an unsharded sweep, byte for byte.
 */
import { RESULTS_SCHEMA_VERSION } from '../../strategies/results.js';
import type { DesignSummary, Generator, ScenarioHeader, SweepPoint, SweepResultsFile, VaryValue } from '../results-file.js';
import { SUMMARY_METRICS } from '../summary.js';
import type { VaryAxis } from './grid.js';
import { aggregate } from './median-ci.js';

export interface JobOutcome {
  pointIndex: number;
  seedIndex: number;
  runSeed: number;
  designs: DesignSummary[];
}

export interface SweepHeader {
  generator: Generator;
  scenario: ScenarioHeader;
  seeds: (number | string)[];
  vary: VaryAxis[];
  points: Record<string, VaryValue>[];
}

export function assembleSweep(h: SweepHeader, outcomes: readonly JobOutcome[], shard?: { index: number; count: number }): SweepResultsFile {
  const sorted = [...outcomes].sort((a, b) => a.pointIndex - b.pointIndex || a.seedIndex - b.seedIndex);
  const points: SweepPoint[] = h.points.map((assignment, p) => {
    const runs = sorted.filter((o) => o.pointIndex === p).map((o) => ({ seed: h.seeds[o.seedIndex]!, runSeed: o.runSeed, designs: o.designs }));
    return { assignment, runs, aggregate: shard === undefined ? aggregateRuns(runs) : [] };
  });
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    kind: 'sweep',
    generator: h.generator,
    scenario: h.scenario,
    seeds: h.seeds,
    vary: h.vary,
    ...(shard === undefined ? {} : { shard }),
    points,
  };
}

function aggregateRuns(runs: SweepPoint['runs']): SweepPoint['aggregate'] {
  const names = runs[0]?.designs.map((d) => d.design) ?? [];
  return names.map((design) => {
    const rows = runs.map((r) => r.designs.find((d) => d.design === design)).filter((d): d is DesignSummary => d !== undefined);
    const metrics: SweepPoint['aggregate'][number]['metrics'] = {};
    for (const m of SUMMARY_METRICS) metrics[m] = aggregate(rows.map((d) => d[m]).filter((v): v is number => v !== null));
    return { design, metrics };
  });
}
