import { describe, expect, it } from 'vitest';
import type { JobLane, JobRecord } from '../strategies/recorder.js';
import { blankJob } from '../strategies/recorder.js';
import { SERIES_LIMITS } from '../strategies/results-series.js';
import { concurrencySeries, jobBars, storageSeries } from '../strategies/runner/results-series-jobs.js';
import { resourceKind } from '../strategies/runner/results-series-usage.js';
import { chartValue, resample, seriesGrid } from '../strategies/runner/series-buckets.js';

describe('the series bucket grid', () => {
  it('doubles the bucket width until the run fits the bucket limit', () => {
    expect(seriesGrid(300, 3 * 86_400)).toEqual({ bucketSec: 600, count: 432, endSec: 3 * 86_400 });
    const month = seriesGrid(300, 30 * 86_400);
    expect(month.count).toBeLessThanOrEqual(SERIES_LIMITS.buckets);
    expect(seriesGrid(300, 365 * 86_400).count).toBeLessThanOrEqual(SERIES_LIMITS.buckets);
  });

  it('resamples time-weighted across grids that do not nest', () => {
    const grid = { bucketSec: 300, count: 2, endSec: 600 };
    // 60 s buckets: the first 300 s at 1, the next at 3.
    const src = [1, 1, 1, 1, 1, 3, 3, 3, 3, 3];
    expect(resample(src, 60, grid)).toEqual([1, 3]);
    // 200 s buckets straddle the boundary.
    expect(resample([1, 2, 3], 200, grid)).toEqual([(200 * 1 + 100 * 2) / 300, (100 * 2 + 200 * 3) / 300]);
  });

  it('leaves unobserved buckets out of a mean, and reads 0 where nothing was observed', () => {
    expect(resample([0, 4, 0, 0], 150, { bucketSec: 300, count: 2, endSec: 600 }, true)).toEqual([4, 0]);
  });

  it('rounds chart values and never lets NaN or Infinity through', () => {
    expect(chartValue(1.234567)).toBe(1.235);
    expect(chartValue(NaN)).toBe(0);
    expect(chartValue(Infinity)).toBe(0);
  });
});

describe('job series', () => {
  const job = (machine: string, startSec: number, endSec: number, lane?: JobLane): JobRecord => ({ ...blankJob('d', machine, 'incremental', startSec), endSec, ...(lane ? { lane } : {}) });
  const proxy: JobLane = { kind: 'proxy', name: 'proxy/p1' };

  it('keeps whole machines in name order up to the bar limit and counts the rest', () => {
    const jobs: JobRecord[] = [];
    for (let m = 0; m < 1000; m++) for (let night = 0; night < 30; night++) jobs.push(job(`vm/m-${String(m).padStart(4, '0')}`, night * 86_400, night * 86_400 + 600, proxy));
    const bars = jobBars(jobs, jobs.map(() => proxy));
    expect(bars.jobs.length).toBe(Math.floor(SERIES_LIMITS.jobBars / 30) * 30);
    expect(bars.jobs.length + bars.jobsTruncated).toBe(30_000);
    expect(bars.jobs[0]!.machine).toBe('vm/m-0000');
  });

  it('gives the mean number of running jobs per bucket and lane', () => {
    const grid = { bucketSec: 100, count: 3, endSec: 300 };
    const jobs = [job('vm/a', 0, 200, proxy), job('vm/b', 50, 100, proxy)];
    const rows = concurrencySeries(jobs, jobs.map((j) => j.lane!), grid);
    expect(rows).toEqual([{ lane: 'proxy/p1', laneKind: 'proxy', values: [1.5, 1, 0] }]);
  });

  it('adds up bytes of the jobs ended by each midnight beside the sampled repository figures', () => {
    const jobs = [{ ...job('vm/a', 0, 100), bytesRead: 10, bytesSent: 5 }, { ...job('vm/a', 86_400, 90_000), bytesRead: 7, bytesSent: 3 }];
    const days = [0, 1].map((day) => ({ day, logicalBytes: day, storedBytes: day, points: day }));
    expect(storageSeries(jobs, days).map((d) => [d.readBytes, d.sentBytes])).toEqual([[10, 5], [17, 8]]);
  });
});

describe('resource kinds', () => {
  it('reads a resource kind from its path', () => {
    expect(['datastore/san/iops', 'host/esx-01/nic', 'host/esx-01/cpu', 'vm/a/vcpu', 'network/lan/uplink', 'host/esx-01/storage-link', 'target/repo/bandwidth', 'proxy/p/x', 'physical/db/disk/iops'].map(resourceKind)).toEqual([
      'datastore', 'nic', 'cpu', 'cpu', 'link', 'link', 'target', 'proxy', 'datastore',
    ]);
  });
});
