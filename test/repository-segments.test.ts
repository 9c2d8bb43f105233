import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkStore, CONTAINER_LIMIT } from '../sim/repository/chunk-store.js';
import { CompressionModel } from '../sim/repository/compression.js';
import { IdIndex } from '../sim/repository/id-index.js';
import { RadixSorter } from '../sim/repository/radix-sort.js';

// The store's records and the id index's slab grow by fixed-size segments.
// At their real sizes (2^16 records, 2^12 pages) the other repository tests
// rarely leave the first segment, so these run them with segments of a few
// entries, where nearly every operation lands next to a boundary.

const compression = new CompressionModel({ minStoredFraction: 0.5, maxStoredFraction: 1 });

interface ModelBlock {
  ids: number[];
  refs: number;
  container: number;
  indexed: boolean;
  corrupt: boolean;
}

/** An operation on the store: store a block, add or drop a reference to the i-th live block, or settle. */
type StoreOp =
  | { kind: 'allocate'; arena: number; ids: number[]; referenced: boolean; indexed: boolean }
  | { kind: 'ref' | 'unref' | 'corrupt'; pick: number }
  | { kind: 'settle' };

const storeOpArb: fc.Arbitrary<StoreOp> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('allocate' as const), arena: fc.nat({ max: 3 }), ids: fc.array(fc.integer({ min: 1, max: 0xffff_ffff }), { minLength: 1, maxLength: 3 }), referenced: fc.boolean(), indexed: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('ref' as const, 'unref' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('corrupt' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('settle' as const) }) },
);

describe('repository segments', () => {
  it('keep every stored block\'s record exact across record segments, with blocks stored, referenced and freed in any order', () => {
    // The idea: a store with two records per segment (blocks of one chunk,
    // whose records have no length word, or of up to three; four arenas, so
    // slots and pages straddle segments everywhere) answers like a plain map
    // of blocks after every settle, freeing exactly the blocks whose last
    // reference went. Containers run up to the largest the record holds
    // beside the flags, which must not disturb it (queued, corrupt, indexed).
    fc.assert(
      fc.property(fc.constantFrom(0, 1, 3), fc.constantFrom(1, 3), fc.boolean(), fc.array(storeOpArb, { maxLength: 400 }), (segmentBits, k, high, ops) => {
        const store = new ChunkStore(k, 4096, compression, segmentBits);
        const sorter = new RadixSorter();
        const model = new Map<number, ModelBlock>();
        let container = high ? CONTAINER_LIMIT - 1 - ops.length : 0;
        // Live blocks, and those an unref may pick (references not yet dropped in the model).
        const pick = (n: number, referenced: boolean): number | undefined => {
          const slots = [...model.keys()].filter((s) => !referenced || model.get(s)!.refs > 0);
          return slots.length === 0 ? undefined : slots[n % slots.length];
        };
        const check = (): void => {
          expect(store.storedBlocks).toBe(model.size);
          for (const [slot, block] of model) {
            expect(store.isLive(slot)).toBe(true);
            expect(store.refCount(slot)).toBe(block.refs);
            expect(store.containerOf(slot)).toBe(block.container);
            expect([store.isIndexed(slot), store.isCorrupt(slot)]).toEqual([block.indexed, block.corrupt]);
            expect(store.lengthOf(slot)).toBe(block.ids.length);
            const out = new Uint32Array(k);
            expect([...out.subarray(0, store.copyContent(slot, out, 0))]).toEqual(block.ids);
            expect(store.holds(slot, Uint32Array.from(block.ids), 0, block.ids.length)).toBe(true);
            expect(store.firstIdOf(slot)).toBe(block.ids[0]);
          }
        };
        for (const op of ops) {
          if (op.kind === 'allocate') {
            const ids = op.ids.slice(0, k);
            const src = Uint32Array.from(ids);
            const slot = store.allocate(src, 0, src.length, 1, ++container, op.indexed, op.arena, op.referenced);
            expect(model.has(slot)).toBe(false);
            expect(slot).toBeLessThan(store.slotLimit);
            model.set(slot, { ids, refs: op.referenced ? 1 : 0, container, indexed: op.indexed, corrupt: false });
            if (!op.referenced) store.enqueue(slot);
          } else if (op.kind === 'corrupt') {
            const slot = pick(op.pick, false);
            if (slot === undefined) continue;
            store.markCorrupt(slot);
            model.get(slot)!.corrupt = true;
          } else if (op.kind === 'ref') {
            const slot = pick(op.pick, false);
            if (slot === undefined) continue;
            store.ref(slot);
            model.get(slot)!.refs++;
          } else if (op.kind === 'unref') {
            const slot = pick(op.pick, true);
            if (slot === undefined) continue;
            store.unref(slot);
            model.get(slot)!.refs--;
          } else {
            const free = (slot: number): void => {
              if (!store.isLive(slot) || store.refCount(slot) !== 0) return;
              const container = store.containerOf(slot);
              store.release(slot);
              model.delete(slot);
              // A freed record keeps its container and has no flags and no length.
              expect([store.isLive(slot), store.isIndexed(slot), store.lengthOf(slot), store.containerOf(slot)]).toEqual([false, false, 0, container]);
            };
            store.drainCandidates(sorter, free);
            // A settle frees exactly the blocks whose last reference went, in slot order (the order freed slots are reused in).
            const freed: number[] = [];
            const expectedFreed = [...model].filter(([slot, b]) => b.refs === 0 && store.refCount(slot) > 0).map(([slot]) => slot).sort((a, b) => a - b);
            store.settle(sorter, (slot) => {
              freed.push(slot);
              free(slot);
            });
            expect(freed).toEqual(expectedFreed);
            for (const block of model.values()) expect(block.refs).toBeGreaterThan(0);
            expect(store.unreferencedBlocks).toBe(0);
            check();
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('free, at a settle, exactly the blocks whose last reference went, in slot order, however the drops were logged', () => {
    // The idea: blocks with random reference counts, then whole files of
    // drops in random order (the same block many times, as a shared template
    // block is); the settle hands the collector exactly the blocks left
    // without references, ascending, whatever the segment size.
    fc.assert(
      fc.property(fc.constantFrom(0, 2, 4, 16), fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 300 }), fc.array(fc.nat(), { maxLength: 600 }), (segmentBits, refs, picks) => {
        const store = new ChunkStore(1, 4096, compression, segmentBits);
        const sorter = new RadixSorter();
        const slots = refs.map((n, i) => {
          const slot = store.allocate(Uint32Array.of(i + 1), 0, 1, 1, 1, false, i % 3, n > 0);
          for (let r = 1; r < n; r++) store.ref(slot);
          return slot;
        });
        const left = [...refs];
        const drops: number[] = [];
        for (const p of picks) {
          const i = p % slots.length;
          if (left[i]! === 0) continue;
          left[i]!--;
          drops.push(slots[i]!);
        }
        // Logged as a few files with zero entries among them, and one by one.
        const third = Math.floor(drops.length / 3);
        store.unrefEntries(Uint32Array.from([0, ...drops.slice(0, third), 0]));
        for (const slot of drops.slice(third, 2 * third)) store.unref(slot);
        store.unrefEntries(Uint32Array.from(drops.slice(2 * third)));
        store.unrefEntries(new Uint32Array(3));
        const freed: number[] = [];
        store.settle(sorter, (slot) => {
          freed.push(slot);
          store.release(slot);
        });
        const expected = slots.filter((_, i) => refs[i]! > 0 && left[i] === 0).sort((a, b) => a - b);
        expect(freed).toEqual(expected);
        slots.forEach((slot, i) => expect(store.isLive(slot) ? store.refCount(slot) : 0).toBe(left[i]));
      }),
      { numRuns: 200 },
    );
  });

  it('find exactly the indexed ids across slab segments, as pages are made, emptied and recycled', () => {
    // The idea: an id index with one or two pages per slab segment answers
    // like a map from content id to slot while ids (clustered, so pages fill
    // and empty, and a few far beyond the page table, so it grows) are indexed
    // and removed in any order.
    fc.assert(
      fc.property(fc.constantFrom(0, 1), fc.array(fc.tuple(fc.boolean(), fc.oneof(fc.integer({ min: 1, max: 700 }), fc.integer({ min: 200_000, max: 200_100 }))), { maxLength: 400 }), (segmentBits, ops) => {
        const store = new ChunkStore(1, 4096, compression);
        const index = new IdIndex(store, segmentBits);
        const model = new Map<number, number>();
        const src = new Uint32Array(1);
        for (const [add, id] of ops) {
          src[0] = id;
          const known = model.get(id);
          if (add && known === undefined) {
            expect(index.find(src, 0)).toBe(0);
            const slot = store.allocate(src, 0, 1, 1, 1, true, 0);
            index.insert(slot, src, 0);
            model.set(id, slot);
          } else if (!add && known !== undefined) {
            index.remove(known, index.positionOf(known));
            store.release(known);
            model.delete(id);
          }
          expect(index.size).toBe(model.size);
        }
        for (const [, id] of ops) {
          src[0] = id;
          expect(index.find(src, 0)).toBe(model.get(id) ?? 0);
        }
        // The bulk form answers every id of a list at once, as find does one by one
        // (ids asked in runs, repeated, unknown, zero, and past the page table).
        const asked = Uint32Array.from([0, ...ops.map(([, id]) => id), ...ops.map(([, id]) => id + 1), 5_000_000, ...ops.map(([, id]) => id)]);
        const out = new Uint32Array(asked.length).fill(7);
        index.findEach(asked, out);
        expect([...out]).toEqual([...asked].map((id) => (id === 0 ? 0 : (model.get(id) ?? 0))));
      }),
      { numRuns: 200 },
    );
  });
});

describe('chunk store records', () => {
  it('refuse a container number the record cannot hold beside its flags', () => {
    const store = new ChunkStore(1, 4096, compression);
    expect(store.containerOf(store.allocate(Uint32Array.of(5), 0, 1, 1, CONTAINER_LIMIT - 1, true, 0))).toBe(CONTAINER_LIMIT - 1);
    expect(() => store.allocate(Uint32Array.of(6), 0, 1, 1, CONTAINER_LIMIT, true, 0)).toThrow(/container 268435456 outside/);
  });
});
