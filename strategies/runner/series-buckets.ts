/**
 * The bucket grid of a design's series (strategies/results-series.ts) and
 * the conversion of other grids onto it. Sources (the impact monitor, the
 * flow network's usage log) keep their own widths, which need not nest in
 * ours, so a source bucket counts in a series bucket by the time they share.
 */
import { SERIES_LIMITS } from '../results-series.js';

export interface SeriesGrid {
  bucketSec: number;
  count: number;
  endSec: number;
}

/** The base width times the smallest power of two that fits the run in the bucket limit. */
export function seriesGrid(baseBucketSec: number, endSec: number, maxBuckets: number = SERIES_LIMITS.buckets): SeriesGrid {
  let bucketSec = baseBucketSec;
  while (Math.ceil(endSec / bucketSec) > maxBuckets) bucketSec *= 2;
  return { bucketSec, count: Math.max(1, Math.ceil(endSec / bucketSec)), endSec };
}

/**
 * Time-weighted means of `values` (buckets of `srcSec` from 0) over each
 * bucket of the grid. With `skipZero`, a source bucket holding 0 means "not
 * observed" and counts for nothing; a grid bucket with nothing observed reads 0.
 */
export function resample(values: readonly number[], srcSec: number, grid: SeriesGrid, skipZero = false): number[] {
  const out = new Array<number>(grid.count).fill(0);
  const weight = new Array<number>(grid.count).fill(0);
  for (let j = 0; j < values.length; j++) {
    const v = values[j]!;
    if (!Number.isFinite(v) || (skipZero && v === 0)) continue;
    const from = j * srcSec;
    const to = Math.min(grid.endSec, from + srcSec);
    let i = Math.floor(from / grid.bucketSec);
    while (i < grid.count && i * grid.bucketSec < to) {
      const overlap = Math.min(to, (i + 1) * grid.bucketSec) - Math.max(from, i * grid.bucketSec);
      if (overlap > 0) {
        out[i] = out[i]! + v * overlap;
        weight[i] = weight[i]! + overlap;
      }
      i++;
    }
  }
  for (let i = 0; i < grid.count; i++) {
    if (skipZero) out[i] = weight[i]! > 0 ? out[i]! / weight[i]! : 0;
    else out[i] = out[i]! / spanSec(grid, i);
  }
  return out;
}

/** The simulated seconds bucket i covers (the last one may be partial). */
export function spanSec(grid: SeriesGrid, i: number): number {
  return Math.max(1e-9, Math.min(grid.bucketSec, grid.endSec - i * grid.bucketSec));
}

/** A finite value rounded for a chart: never NaN or Infinity (they read 0). */
export function chartValue(x: number): number {
  if (!Number.isFinite(x)) return 0;
  if (x === 0) return 0;
  return Number(x.toPrecision(SERIES_LIMITS.significantDigits));
}

export function chartValues(xs: readonly number[]): number[] {
  return xs.map(chartValue);
}

/** The q-quantile (nearest rank) of a sorted list; 0 for an empty one. */
export function sortedQuantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

interface Scored<T> {
  item: T;
  score: number;
  name: string;
}

/** Top `limit` items by score (higher first), ties by name. */
export function topByScore<T>(items: readonly T[], score: (x: T) => number, name: (x: T) => string, limit: number): T[] {
  // Each item is scored and named once, and the comparator is a module-level function: a comparator
  // made per call would be optimized again in every run (V8 drops its code when it dies).
  const scored: Scored<T>[] = [];
  for (const item of items) scored.push({ item, score: score(item), name: name(item) });
  const top: T[] = [];
  for (const s of scored.sort(byScoreThenName).slice(0, limit)) top.push(s.item);
  return top;
}

function byScoreThenName<T>(a: Scored<T>, b: Scored<T>): number {
  return b.score - a.score || byName(a.name, b.name);
}

export function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
