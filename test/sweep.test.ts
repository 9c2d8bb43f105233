import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { resultsJson } from '../scenarios/results-json.js';
import type { SweepResultsFile } from '../scenarios/results-file.js';
import { gridPoints, parseSeeds, parseShard, parseVary, runSeedOf, SweepArgumentError, sweepJobs } from '../scenarios/sweep/grid.js';
import { aggregate, binomialHalfCdf, lowerRank } from '../scenarios/sweep/median-ci.js';
import { mergeSlices, MergeError } from '../scenarios/sweep/merge.js';
import { runSweep } from '../scenarios/sweep/run-sweep.js';

describe('sweep arguments', () => {
  it('reads seeds as ranges and lists, in the order given', () => {
    expect(parseSeeds('1..5')).toEqual([1, 2, 3, 4, 5]);
    expect(parseSeeds('7,3..4,10')).toEqual([7, 3, 4, 10]);
    expect(() => parseSeeds('1..3,2')).toThrow('--seeds: seed 2 appears twice');
    expect(() => parseSeeds('a')).toThrow(SweepArgumentError);
  });

  it('reads grid axes with numbers, booleans and strings', () => {
    expect(parseVary('days=1,2.5')).toEqual({ key: 'days', values: [1, 2.5] });
    expect(parseVary('designs.proxy.dedupe=source,target,false')).toEqual({ key: 'designs.proxy.dedupe', values: ['source', 'target', false] });
    expect(() => parseVary('nokey')).toThrow('--vary');
  });

  it('lays the grid out row-major: the last axis varies fastest', () => {
    expect(gridPoints([{ key: 'a', values: [1, 2] }, { key: 'b', values: ['x', 'y'] }])).toEqual([
      { a: 1, b: 'x' }, { a: 1, b: 'y' }, { a: 2, b: 'x' }, { a: 2, b: 'y' },
    ]);
    expect(gridPoints([])).toEqual([{}]);
  });

  it('reads a shard as K/N with K in 0..N-1', () => {
    expect(parseShard('1/4')).toEqual({ index: 1, count: 4 });
    expect(() => parseShard('4/4')).toThrow('--shard');
  });

  it('derives each run seed from the seed, the scenario and the grid point only', () => {
    const jobs = sweepJobs('s', [1, 2], [{ a: 1 }, { a: 2 }]);
    expect(jobs.map((j) => [j.pointIndex, j.seedIndex])).toEqual([[0, 0], [0, 1], [1, 0], [1, 1]]);
    expect(jobs[0]!.runSeed).toBe(runSeedOf(1, 's', { a: 1 }));
    expect(new Set(jobs.map((j) => j.runSeed)).size).toBe(4);
    expect(runSeedOf(1, 's', { a: 1 })).not.toBe(runSeedOf(1, 't', { a: 1 }));
  });
});

describe('the median and its 95% confidence interval', () => {
  it('uses the order statistics the binomial tables give', () => {
    // n = 30: [x(10), x(21)]; n = 10: [x(2), x(9)]; below 6 values, the whole range.
    expect(lowerRank(30)).toBe(10);
    expect(lowerRank(10)).toBe(2);
    expect(lowerRank(5)).toBe(1);
    const xs = Array.from({ length: 30 }, (_, i) => 30 - i);
    expect(aggregate(xs)).toEqual({ n: 30, median: 15.5, ciLow: 10, ciHigh: 21, min: 1, max: 30 });
  });

  it('covers at least 95% whenever n allows it', () => {
    // The interval [x(l), x(n-l+1)] misses the median with probability 2 P(X < l), X ~ Bin(n, 1/2).
    fc.assert(
      fc.property(fc.integer({ min: 6, max: 400 }), (n) => {
        const l = lowerRank(n);
        expect(2 * binomialHalfCdf(n, l - 1)).toBeLessThanOrEqual(0.05);
        expect(2 * binomialHalfCdf(n, l)).toBeGreaterThan(0.05);
      }),
    );
  });

  it('says n = 0 when there is nothing to aggregate', () => {
    expect(aggregate([])).toMatchObject({ n: 0 });
  });
});

describe('a sweep of the default scenario', () => {
  const options = { seeds: [1, 2, 3], vary: [parseVary('days=2')], designs: ['proxy-vadp-cbt'] };

  it('merges its shards into the same bytes as the unsharded sweep', async () => {
    const whole = await runSweep('default', options);
    const slices = await Promise.all([0, 1].map(async (index) => ({ file: `s${index}`, data: JSON.parse(resultsJson(await runSweep('default', { ...options, shard: { index, count: 2 } }))) as SweepResultsFile })));
    expect(slices[0]!.data.points[0]!.runs.map((r) => r.seed)).toEqual([1, 3]);
    expect(resultsJson(mergeSlices(slices))).toBe(resultsJson(whole));
    expect(resultsJson(mergeSlices([...slices].reverse()))).toBe(resultsJson(whole));
    expect(whole.points[0]!.aggregate[0]!.metrics.bytesRead!.n).toBe(3);
    expect(() => mergeSlices([slices[0]!])).toThrow('missing shard 1/2');
    expect(() => mergeSlices([slices[0]!, slices[0]!])).toThrow(MergeError);
  });
});
