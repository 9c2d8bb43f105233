import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortPool } from '../sim/flow/pool-sort.js';

/** The simple version: sort row indices with a comparator, then read the rows in that order. */
function sortedRows(levels: number[], flows: number[], weights: number[], start: number, end: number): [number, number, number][] {
  const rows = Array.from({ length: end - start }, (_, k) => start + k);
  rows.sort((a, b) => (levels[a]! < levels[b]! ? -1 : levels[a]! > levels[b]! ? 1 : flows[a]! - flows[b]!));
  return rows.map((i) => [levels[i]!, flows[i]!, weights[i]!]);
}

describe('sorting the solver pool in place', () => {
  it('orders a segment by level, then flow id, like a comparator sort, and leaves the rest alone', () => {
    // Few distinct levels (ties, Infinity) and lengths on both sides of the insertion-sort cut-off.
    const level = fc.oneof(fc.constantFrom(0, 1, 2.5, Infinity), fc.double({ min: 0, max: 1e9, noNaN: true }));
    const input = fc
      .array(level, { minLength: 0, maxLength: 300 })
      .chain((levels) =>
        fc.tuple(fc.constant(levels), fc.shuffledSubarray([...Array(levels.length).keys()], { minLength: levels.length }), fc.nat(levels.length), fc.nat(levels.length)),
      );
    fc.assert(
      fc.property(input, ([levels, flows, a, b]) => {
        const [start, end] = a <= b ? [a, b] : [b, a];
        const weights = levels.map((_, i) => i * 0.5 + 1);
        const lv = Float64Array.from(levels);
        const fl = Int32Array.from(flows);
        const cw = Float64Array.from(weights);
        sortPool(lv, fl, cw, start, end);
        const got = Array.from({ length: end - start }, (_, k) => [lv[start + k], fl[start + k], cw[start + k]]);
        expect(got).toEqual(sortedRows(levels, flows, weights, start, end));
        for (const i of [...Array(levels.length).keys()].filter((i) => i < start || i >= end)) {
          expect([lv[i], fl[i], cw[i]]).toEqual([levels[i], flows[i], weights[i]]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('sorts long ascending and descending segments', () => {
    const n = 2000;
    for (const reversed of [false, true]) {
      const lv = Float64Array.from({ length: n }, (_, i) => (reversed ? n - i : i));
      const fl = Int32Array.from({ length: n }, (_, i) => i);
      const cw = new Float64Array(n);
      sortPool(lv, fl, cw, 0, n);
      for (let i = 1; i < n; i++) expect(lv[i - 1]! <= lv[i]!).toBe(true);
    }
  });
});
