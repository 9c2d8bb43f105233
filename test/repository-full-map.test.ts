import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FullMap } from '../sim/repository/full-map.js';

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

const nonZeroSorted = (xs: Uint32Array): number[] => [...xs].filter((x) => x !== 0).sort((a, b) => a - b);

describe('a full backup map', () => {
  it('answers like the dense map whether it is held sparse or dense, and turns dense in place when asked to change', () => {
    // The idea: the sparse form is only storage. Slot by slot, in the entries
    // that hold references, and as a dense copy, a map built from the blocks a
    // backup listed equals the dense map of the same full; asking for a
    // mutable dense map converts it once, and later answers follow the changes.
    fc.assert(
      fc.property(mapArb, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 5 })), { maxLength: 20 }), ({ blockCount, blocks, slots, dense }, changes) => {
        const sparse = FullMap.fromEntries(blockCount, { blocks, slots });
        const held = FullMap.fromDense(dense.slice());
        expect(sparse.isDense).toBe(false);
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
        expect(sparse.isDense).toBe(true);
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
  });

  it('refuses listed blocks and slots of different lengths, or a block past the disk', () => {
    expect(() => FullMap.fromEntries(10, { blocks: Uint32Array.of(1, 2), slots: Uint32Array.of(5) })).toThrow(/2 blocks but 1 slots/);
    expect(() => FullMap.fromEntries(10, { blocks: Uint32Array.of(3, 10), slots: Uint32Array.of(5, 6) })).toThrow(/block 10 outside \[0, 10\)/);
  });
});
