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

  it('group numbers by their high bits like a stable sort on those bits, sharing the buffer with sorting', () => {
    // The idea: grouping by key >>> shift equals a stable comparison sort on
    // that part of the key, and each group's bounds hold exactly its keys,
    // whatever the sorter did before (its buffers are reused).
    const sorter = new RadixSorter();
    fc.assert(
      fc.property(fc.nat({ max: 6 }), fc.array(fc.nat({ max: 200 }), { maxLength: 2000 }), fc.array(fc.nat(), { maxLength: 50 }), (shift, input, before) => {
        sorter.sort(Uint32Array.from(before), before.length);
        const groups = input.length === 0 ? 1 + (before.length % 3) : (Math.max(...input) >>> shift) + 1 + (before.length % 3);
        const keys = Uint32Array.from(input);
        const { grouped, starts } = sorter.group(keys, keys.length, shift, groups);
        const expected = [...input].sort((a, b) => (a >>> shift) - (b >>> shift));
        expect([...grouped.subarray(0, keys.length)]).toEqual(expected);
        expect([...keys]).toEqual(input);
        expect(starts[0]).toBe(0);
        expect(starts[groups]).toBe(input.length);
        for (let g = 0; g < groups; g++) {
          for (let i = starts[g]!; i < starts[g + 1]!; i++) expect(grouped[i]! >>> shift).toBe(g);
        }
      }),
    );
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

  it('push the non-zero values of an array onto a typed stack, growing it at once', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 3 })), fc.array(fc.nat({ max: 3 }), { maxLength: 300 }), (before, values) => {
        const stack = new U32Stack(1);
        for (const v of before) stack.push(v);
        expect(stack.pushNonZero(Uint32Array.from(values))).toBe(values.filter((v) => v !== 0).length);
        expect([...stack.view()]).toEqual([...before, ...values.filter((v) => v !== 0)]);
      }),
    );
  });
});
