import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BlockBits } from '../sim/repository/block-bits.js';
import { fingerprintOf } from '../sim/repository/fingerprint.js';
import { RadixSorter } from '../sim/repository/radix-sort.js';
import { RepeatFinder } from '../sim/repository/repeat-finder.js';
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

  it('set the bits of the non-zero listed blocks of a full as assigning them one by one does', () => {
    // The idea: `setNonZero` on fresh bits is a shortcut for assigning every
    // listed block (ascending, distinct) its non-zero flag: same bits, and
    // the count it returns is the number of assignments that changed a bit.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 2 }))), (length, listed) => {
        const byBlock = new Map(listed.map(([at, slot]) => [at % length, slot]));
        const blocks = Uint32Array.from([...byBlock.keys()].sort((a, b) => a - b));
        const slots = Uint32Array.from(blocks, (b) => byBlock.get(b)!);
        const bulk = new BlockBits(length);
        const single = new BlockBits(length);
        let changed = 0;
        blocks.forEach((b, j) => {
          if (single.assign(b, slots[j] !== 0)) changed++;
        });
        expect(bulk.setNonZero(blocks, slots)).toBe(changed);
        for (let b = 0; b < length; b++) expect(bulk.has(b)).toBe(single.has(b));
      }),
    );
  });

  it('find a block repeated within a plan exactly when its content was asked before, for one-chunk and larger blocks alike', () => {
    // The idea: the finder is a set of the contents asked so far in a plan,
    // emptied by each plan's start. One-chunk blocks key on id pages (ids in
    // runs, pages sharing table entries and colliding, and the last page's
    // entry answering its neighbours without a probe), larger ones on
    // fingerprints; both must answer like a plain set of contents, over
    // several plans that reuse the table (a page asked last in one plan is
    // new again in the next).
    const ids = fc.oneof(fc.nat({ max: 200 }), fc.integer({ min: 1, max: 0xffff_ffff }), fc.nat({ max: 40 }).map((j) => 64 * 4096 + j * 64));
    const plans = fc.array(fc.array(fc.array(ids, { minLength: 1, maxLength: 3 }), { maxLength: 120 }), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 3), plans, (k, blocksOfPlans) => {
        const finder = new RepeatFinder(k);
        for (const blocks of blocksOfPlans) {
          // One source: block j holds ids blocks[j], truncated or padded to k chunks (a short last block keeps fewer).
          const lengths = blocks.map((b, j) => (j === blocks.length - 1 ? Math.min(k, b.length) : k));
          const content = new Uint32Array(blocks.length * k);
          blocks.forEach((b, j) => { for (let c = 0; c < lengths[j]!; c++) content[j * k + c] = b[c % b.length]!; });
          const source = { content, lengthAt: (j: number) => lengths[j]! };
          finder.begin([source], blocks.length);
          const seen = new Set<string>();
          blocks.forEach((_, j) => {
            const key = [...content.subarray(j * k, j * k + lengths[j]!)].join(',');
            expect(finder.seenBefore(fingerprintOf(content, j * k, lengths[j]!), 0, j)).toBe(seen.has(key));
            seen.add(key);
          });
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
});
