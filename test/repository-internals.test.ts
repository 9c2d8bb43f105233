import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BlockBits } from '../sim/repository/block-bits.js';
import { RadixSorter } from '../sim/repository/radix-sort.js';
import { U32Stack } from '../sim/repository/u32-stack.js';

describe('repository helpers', () => {
  it('sort numbers like a comparison sort, keeping the order of equal keys', () => {
    // The idea: the radix sorter (which skips digits every key shares) agrees
    // with a stable comparison sort on any input, values moving with keys.
    const sorter = new RadixSorter();
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.nat({ max: 50 }), fc.nat({ max: 0xffff_ffff })), { maxLength: 3000 }), (input) => {
        const keys = Uint32Array.from(input);
        const values = Uint32Array.from(input.map((_, i) => i));
        sorter.sort(keys, keys.length, values);
        const expected = input.map((k, i) => [k, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect([...keys]).toEqual(expected.map((e) => e[0]));
        expect([...values]).toEqual(expected.map((e) => e[1]));
      }),
    );
  });

  it('group the non-zero numbers of several arrays by their high bits like a stable sort on those bits, sharing the buffer with sorting', () => {
    // The idea: grouping by key >>> shift equals a stable comparison sort on
    // that part of the non-zero keys, taken array after array, and each
    // group's bounds hold exactly its keys, whatever the sorter did before
    // (its buffers are reused). The inputs are left as they were.
    const sorter = new RadixSorter();
    fc.assert(
      fc.property(fc.nat({ max: 6 }), fc.array(fc.array(fc.nat({ max: 200 }), { maxLength: 700 }), { maxLength: 4 }), fc.array(fc.nat(), { maxLength: 50 }), (shift, inputs, before) => {
        sorter.sort(Uint32Array.from(before), before.length);
        const all = inputs.flat();
        const groups = all.length === 0 ? 1 + (before.length % 3) : (Math.max(...all) >>> shift) + 1 + (before.length % 3);
        const sources = inputs.map((a) => Uint32Array.from(a));
        const nonZero = all.filter((k) => k !== 0);
        const { grouped, starts } = sorter.group(sources, nonZero.length, shift, groups);
        const expected = [...nonZero].sort((a, b) => (a >>> shift) - (b >>> shift));
        expect([...grouped.subarray(0, nonZero.length)]).toEqual(expected);
        expect(sources.map((a) => [...a])).toEqual(inputs);
        expect(starts[0]).toBe(0);
        expect(starts[groups]).toBe(nonZero.length);
        for (let g = 0; g < groups; g++) {
          for (let i = starts[g]!; i < starts[g + 1]!; i++) expect(grouped[i]! >>> shift).toBe(g);
        }
      }),
    );
  });

  it('refuse to group when the count of non-zero keys it was told is wrong', () => {
    expect(() => new RadixSorter().group([Uint32Array.of(0, 5, 0, 7)], 3, 1, 4)).toThrow(/2 non-zero keys, expected 3/);
  });

  it('keep a block bitset equal to the non-zero entries it was built from and assigned', () => {
    // The idea: bits built from a dense map, then assigned block by block,
    // always answer like the dense map itself.
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 200 }), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }))), (initial, changes) => {
        const dense = Uint32Array.from(initial);
        const bits = BlockBits.nonZero(dense);
        for (const [at, value] of changes) {
          const b = at % dense.length;
          expect(bits.assign(b, value !== 0)).toBe((dense[b] !== 0) !== (value !== 0));
          dense[b] = value;
        }
        for (let b = 0; b < dense.length; b++) expect(bits.has(b)).toBe(dense[b] !== 0);
      }),
    );
  });

  it('grow a typed stack without losing entries', () => {
    const stack = new U32Stack(2);
    for (let i = 0; i < 100; i++) stack.push(i);
    expect(stack.length).toBe(100);
    expect(stack.top).toBe(99);
    expect(stack.pop()).toBe(99);
    expect([...stack.takeAll()].slice(0, 3)).toEqual([0, 1, 2]);
    expect(stack.length).toBe(0);
  });
});
