import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BlockBits } from '../sim/repository/block-bits.js';
import { blockRuns, FullMap } from '../sim/repository/full-map.js';

/** A dense map of `blockCount` entries and the same map as ascending blocks with their slots (zeros among them, as a backup may list). */
const mapArb = fc.integer({ min: 1, max: 300 }).chain((blockCount) =>
  fc.array(fc.tuple(fc.nat({ max: blockCount - 1 }), fc.nat({ max: 5 })), { maxLength: blockCount }).map((pairs) => {
    const listed = new Map<number, number>();
    for (const [b, slot] of pairs) listed.set(b, slot);
    const blocks = [...listed.keys()].sort((a, b) => a - b);
    const dense = new Uint32Array(blockCount);
    for (const b of blocks) dense[b] = listed.get(b)!;
    return { blockCount, blocks: Uint32Array.from(blocks), slots: Uint32Array.from(blocks.map((b) => listed.get(b)!)), dense };
  }),
);

/** Like mapArb, with the listed blocks in a few runs of consecutive blocks (as a backup lists a template's image and an application's data). */
const runsArb = fc.integer({ min: 1, max: 300 }).chain((blockCount) =>
  fc.array(fc.tuple(fc.nat({ max: blockCount - 1 }), fc.nat({ max: 40 })), { minLength: 1, maxLength: 4 }).chain((ranges) => {
    const blocks = [...new Set(ranges.flatMap(([start, length]) => Array.from({ length: Math.min(length, blockCount - start) }, (_, j) => start + j)))].sort((a, b) => a - b);
    return fc.array(fc.nat({ max: 5 }), { minLength: blocks.length, maxLength: blocks.length }).map((slots) => {
      const dense = new Uint32Array(blockCount);
      blocks.forEach((b, i) => (dense[b] = slots[i]!));
      return { blockCount, blocks: Uint32Array.from(blocks), slots: Uint32Array.from(slots), dense };
    });
  }),
);

const nonZeroSorted = (xs: Uint32Array): number[] => [...xs].filter((x) => x !== 0).sort((a, b) => a - b);

describe('a full backup map', () => {
  it('answers like the dense map whether it is held as runs, as listed blocks or dense, and turns dense in place when asked to change', () => {
    // The idea: the sparse forms are only storage. Slot by slot, in the
    // entries that hold references, and as a dense copy, a map built from the
    // blocks a backup listed (scattered, or in runs) equals the dense map of
    // the same full; asking for a mutable dense map converts it once, and
    // later answers follow the changes. The blocks listed are not kept.
    const forms = new Set<string>();
    fc.assert(
      fc.property(fc.oneof(mapArb, runsArb), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 5 })), { maxLength: 20 }), ({ blockCount, blocks, slots, dense }, changes) => {
        const sparse = FullMap.fromEntries(blockCount, { blocks: blocks.slice(), slots });
        const held = FullMap.fromDense(dense.slice());
        forms.add(sparse.form);
        expect(sparse.form).not.toBe('dense');
        for (const map of [sparse, held]) {
          expect(map.blockCount).toBe(blockCount);
          for (let b = 0; b < blockCount; b++) expect(map.slotAt(b)).toBe(dense[b]);
          expect([...map.denseCopy()]).toEqual([...dense]);
          expect(nonZeroSorted(map.entries())).toEqual(nonZeroSorted(dense));
        }
        const copy = sparse.denseCopy();
        copy[0] = 99;
        expect(sparse.slotAt(0)).toBe(dense[0]);
        const expected = dense.slice();
        const mutable = sparse.mutableDense();
        expect(sparse.form).toBe('dense');
        expect(sparse.mutableDense()).toBe(mutable);
        for (const [at, slot] of changes) {
          mutable[at % blockCount] = slot;
          expected[at % blockCount] = slot;
        }
        for (let b = 0; b < blockCount; b++) expect(sparse.slotAt(b)).toBe(expected[b]);
        expect([...sparse.entries()]).toEqual([...expected]);
      }),
      { numRuns: 200 },
    );
    expect([...forms].sort()).toEqual(['blocks', 'runs']);
  });

  it('is the same map built from the runs of its blocks, taken before the slots exist, and sets the same non-zero bits from them', () => {
    // The idea: a commit takes a full's block runs first and writes the slots
    // into the block list's memory; the map it then builds from the runs and
    // the slots answers exactly as the map built from the listed blocks, and
    // the head bits set from the runs are those set from the list.
    fc.assert(
      fc.property(fc.oneof(mapArb, runsArb), ({ blockCount, blocks, slots, dense }) => {
        const listed = FullMap.fromEntries(blockCount, { blocks: blocks.slice(), slots: slots.slice() });
        const runs = blockRuns(blocks);
        expect(runs === null).toBe(listed.form === 'blocks');
        if (runs === null) return;
        const fromRuns = FullMap.fromRuns(blockCount, runs, slots.slice());
        expect(fromRuns.form).toBe('runs');
        expect([...fromRuns.denseCopy()]).toEqual([...dense]);
        expect([...fromRuns.entries()]).toEqual([...listed.entries()]);
        for (let b = 0; b < blockCount; b++) expect(fromRuns.slotAt(b)).toBe(dense[b]);
        const a = new BlockBits(blockCount);
        const b = new BlockBits(blockCount);
        expect(a.setNonZeroRuns(runs, slots)).toBe(b.setNonZero(blocks, slots));
        for (let i = 0; i < blockCount; i++) expect(a.has(i)).toBe(b.has(i));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a full read as a few long stretches as runs, and scattered blocks as listed', () => {
    const stretches = Uint32Array.from([...Array.from({ length: 1000 }, (_, i) => i), ...Array.from({ length: 500 }, (_, i) => 4000 + i)]);
    const runs = FullMap.fromEntries(10_000, { blocks: stretches, slots: stretches.map((b) => b + 1) });
    expect(runs.form).toBe('runs');
    expect([runs.slotAt(0), runs.slotAt(999), runs.slotAt(1000), runs.slotAt(3999), runs.slotAt(4000), runs.slotAt(4499), runs.slotAt(4500)]).toEqual([1, 1000, 0, 0, 4001, 4500, 0]);
    const scattered = Uint32Array.from({ length: 100 }, (_, i) => i * 3);
    expect(FullMap.fromEntries(300, { blocks: scattered, slots: scattered.map((b) => b + 1) }).form).toBe('blocks');
  });

  it('refuses listed blocks and slots of different lengths, or a block past the disk', () => {
    expect(() => FullMap.fromEntries(10, { blocks: Uint32Array.of(1, 2), slots: Uint32Array.of(5) })).toThrow(/2 blocks but 1 slots/);
    expect(() => FullMap.fromEntries(10, { blocks: Uint32Array.of(3, 10), slots: Uint32Array.of(5, 6) })).toThrow(/block 10 outside \[0, 10\)/);
    const runs = blockRuns(Uint32Array.of(7, 8, 9, 10, 11))!;
    expect(() => FullMap.fromRuns(12, runs, Uint32Array.of(1, 2))).toThrow(/runs cover 5 blocks but 2 slots/);
    expect(() => FullMap.fromRuns(11, runs, Uint32Array.of(1, 2, 3, 4, 5))).toThrow(/run at 7 ends outside \[0, 11\)/);
  });
});
