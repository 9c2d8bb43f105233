/**
 * A design's series (strategies/results-series.ts) after a run: impact from
 * the impact monitor, utilisation from the flow network's usage log, job bars
 * and concurrency from the recorder, storage from the per-day repository
 * samples the run session took. One bucket grid for all of them.
 */
import type { ImpactMonitor } from '../../sim/workload/impact-monitor.js';
import type { World } from '../../sim/world/world.js';
import type { BackupRecorder } from '../recorder.js';
import type { DesignSeries } from '../results-series.js';
import { impactSeries } from './results-series-impact.js';
import { concurrencySeries, jobBars, lanesOf, storageSeries, type RepositoryDay } from './results-series-jobs.js';
import { utilisationSeries } from './results-series-usage.js';
import { seriesGrid } from './series-buckets.js';

export interface SeriesInputs {
  world: World;
  recorder: BackupRecorder;
  impact: ImpactMonitor;
  /** Repository figures at the end of each day, in day order. */
  repositoryDays: readonly RepositoryDay[];
  /** The impact monitor's initial bucket width: the series width is it times a power of two. */
  baseBucketSec: number;
  endSec: number;
}

export function designSeries(x: SeriesInputs): DesignSeries {
  const grid = seriesGrid(x.baseBucketSec, Math.min(x.endSec, x.world.sim.now));
  const jobs = x.recorder.jobs;
  const lanes = lanesOf(x.world, jobs);
  const bars = jobBars(jobs, lanes);
  return {
    bucketSec: grid.bucketSec,
    impact: impactSeries(x.impact, grid),
    utilisation: utilisationSeries(x.world.sim.flows, grid),
    jobs: bars.jobs,
    jobsTruncated: bars.jobsTruncated,
    concurrency: concurrencySeries(jobs, lanes, grid),
    storage: storageSeries(jobs, x.repositoryDays),
  };
}
