import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../sim/engine/errors.js';
import { sameContent } from '../sim/disk/chunk-image.js';
import { ZERO_CONTENT } from '../sim/disk/content-space.js';
import { MIB } from '../sim/disk/units.js';
import { VirtualDisk } from '../sim/disk/virtual-disk.js';
import { WrittenChunks } from '../sim/disk/written-chunks.js';
import { acquireBitmap, recycleBitmap } from '../sim/disk/chunk-bitmap.js';
import { VmwareCbt } from '../sim/tracking/vmware-cbt.js';

const CHUNKS = 64;

function smallDisk(provisioning: 'thin' | 'thick' = 'thin'): VirtualDisk {
  return new VirtualDisk({ name: 'vm/t/disk/0', provisionedBytes: CHUNKS * MIB, chunkSizeBytes: MIB, provisioning });
}

/** Operations a test sequence applies; only `write` may change content. */
const opArb = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('write' as const), chunk: fc.nat({ max: CHUNKS - 1 }), id: fc.nat({ max: 20 }) }), weight: 6 },
  { arbitrary: fc.record({ op: fc.constant('release' as const), chunk: fc.nat({ max: CHUNKS - 1 }), count: fc.nat({ max: 8 }) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('read' as const), chunk: fc.nat({ max: CHUNKS - 1 }) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('freeze' as const) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('overlay' as const) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('track' as const) }), weight: 1 },
);

describe('a virtual disk', () => {
  it('keeps provisioned, allocated and used sizes distinct on a thin disk', () => {
    const disk = smallDisk();
    disk.writeSequential(0, 10, 100);
    disk.release(0, 4);
    expect(disk.sizes()).toMatchObject({
      provisionedBytes: 64 * MIB,
      allocatedBytes: 10 * MIB,
      usedBytes: 6 * MIB,
      nonZeroChunks: 10,
      usedChunks: 6,
    });
    // Writing a released chunk makes it used again; writing zeros unallocates.
    disk.writeChunk(1, 500);
    disk.writeChunk(9, ZERO_CONTENT);
    expect(disk.sizes()).toMatchObject({ allocatedBytes: 9 * MIB, usedBytes: 6 * MIB });
  });

  it('counts a thick disk as fully allocated from the start', () => {
    const disk = smallDisk('thick');
    disk.writeSequential(0, 3, 7);
    expect(disk.sizes()).toMatchObject({ provisionedBytes: 64 * MIB, allocatedBytes: 64 * MIB, usedBytes: 3 * MIB });
  });

  it('changes a chunk only by a write (content conservation)', () => {
    // Idea: reads, releases, frozen copies, overlays and tracker queries never
    // alter content, and a write alters exactly the chunk it targets.
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 80 }), (ops) => {
        const disk = smallDisk();
        const mirror = new Uint32Array(CHUNKS);
        const tracker = new VmwareCbt(disk);
        let changeId = tracker.mark();
        for (const o of ops) {
          const before = disk.read(0, CHUNKS);
          if (o.op === 'write') {
            disk.writeChunk(o.chunk, o.id);
            mirror[o.chunk] = o.id;
          } else if (o.op === 'release') {
            disk.release(o.chunk, Math.min(o.count, CHUNKS - o.chunk));
          } else if (o.op === 'read') {
            disk.contentAt(o.chunk);
          } else if (o.op === 'freeze') {
            disk.freeze();
          } else if (o.op === 'overlay') {
            disk.pointInTime().release();
          } else {
            tracker.queryChangedAreas(changeId);
            changeId = tracker.mark();
          }
          const after = disk.read(0, CHUNKS);
          for (let i = 0; i < CHUNKS; i++) {
            const written = o.op === 'write' && i === o.chunk;
            if (!written) expect(after[i]).toBe(before[i]);
          }
          expect(Array.from(after)).toEqual(Array.from(mirror));
        }
      }),
    );
  });

  it('serves the content of its point in time from an overlay, whatever is written afterwards', () => {
    // Idea: an overlay taken at a point reads exactly the frozen copy taken at
    // the same point, after any sequence of later writes.
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: CHUNKS - 1 }), fc.nat({ max: 30 })), { maxLength: 40 }),
        fc.array(fc.tuple(fc.nat({ max: CHUNKS - 1 }), fc.nat({ max: 30 })), { maxLength: 60 }),
        (before, after) => {
          const disk = smallDisk();
          for (const [c, id] of before) disk.writeChunk(c, id);
          const frozen = disk.freeze();
          const firstOverwrites: number[] = [];
          const overlay = disk.pointInTime({ onFirstOverwrite: (c) => firstOverwrites.push(c) });
          for (const [c, id] of after) disk.writeChunk(c, id);
          expect(sameContent(overlay, frozen)).toBe(true);
          expect(Array.from(overlay.read(3, 10))).toEqual(Array.from(frozen.read(3, 10)));
          expect(overlay.preservedChunkCount).toBe(new Set(after.map(([c]) => c)).size);
          expect(firstOverwrites.length).toBe(overlay.preservedChunkCount);
          overlay.release();
          expect(disk.listenerCount).toBe(0);
        },
      ),
    );
  });

  it('finds the used frontier by its non-zero groups exactly as a chunk-by-chunk scan does', () => {
    // Idea: usedFrontier skips groups of 64 chunks that hold no content; after
    // any writes (zeros included: trims) and releases, it still names one past
    // the highest chunk that holds content and is not released. The disk spans
    // several groups and a partial last one.
    const chunks = 200;
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ op: fc.constant('write' as const), chunk: fc.nat({ max: chunks - 1 }), id: fc.nat({ max: 3 }) }),
            fc.record({ op: fc.constant('release' as const), chunk: fc.nat({ max: chunks - 1 }), count: fc.nat({ max: 70 }) }),
          ),
          { maxLength: 60 },
        ),
        (ops) => {
          const disk = new VirtualDisk({ name: 'vm/t/disk/0', provisionedBytes: chunks * MIB, chunkSizeBytes: MIB });
          for (const o of ops) {
            if (o.op === 'write') disk.writeChunk(o.chunk, o.id);
            else disk.release(o.chunk, Math.min(o.count, chunks - o.chunk));
            let expected = 0;
            for (let i = chunks - 1; i >= 0; i--) {
              if (disk.isUsed(i)) {
                expected = i + 1;
                break;
              }
            }
            expect(disk.usedFrontier()).toBe(expected);
          }
        },
      ),
    );
  });

  it('fills a disk without listeners by writeRange and writeSequential exactly as by single writes', () => {
    // Idea: the listener-free fast path of the bulk writes leaves the same
    // content, sizes and write count as one writeChunk per chunk.
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: CHUNKS - 1 }), fc.array(fc.nat({ max: 4 }), { maxLength: 20 }), fc.boolean()), { maxLength: 10 }),
        (writes) => {
          const bulk = smallDisk();
          const single = smallDisk();
          for (const [start, ids, sequential] of writes) {
            const n = Math.min(ids.length, CHUNKS - start);
            if (sequential) {
              bulk.writeSequential(start, n, ids[0] ?? 0);
              for (let k = 0; k < n; k++) single.writeChunk(start + k, (ids[0] ?? 0) + k);
            } else {
              bulk.writeRange(start, ids.slice(0, n));
              for (let k = 0; k < n; k++) single.writeChunk(start + k, ids[k]!);
            }
          }
          expect(Array.from(bulk.read(0, CHUNKS))).toEqual(Array.from(single.read(0, CHUNKS)));
          expect(bulk.sizes()).toEqual(single.sizes());
          expect(bulk.writeCount).toBe(single.writeCount);
          expect(Array.from(bulk.nonZeroChunks())).toEqual(Array.from(single.nonZeroChunks()));
          expect(bulk.usedFrontier()).toBe(single.usedFrontier());
        },
      ),
    );
  });

  it('hands out recycled bitmaps empty, and overlays keep their count after release', () => {
    // Idea: overlays and helper sets recycle their bitmaps (chunk-bitmap.ts);
    // whatever earlier holders set, a new holder starts from nothing, and a
    // released overlay still reports how many chunks it preserved.
    fc.assert(
      fc.property(fc.array(fc.array(fc.nat({ max: CHUNKS - 1 }), { maxLength: 20 }), { minLength: 1, maxLength: 6 }), (rounds) => {
        const disk = smallDisk();
        for (const chunks of rounds) {
          const overlay = disk.pointInTime();
          const helper = new WrittenChunks(disk);
          expect(overlay.preservedChunkCount).toBe(0);
          expect(helper.count).toBe(0);
          for (const c of chunks) disk.writeChunk(c, c + 1);
          const distinct = new Set(chunks).size;
          expect(Array.from(overlay.preservedChunks())).toEqual([...new Set(chunks)].sort((a, b) => a - b));
          expect(helper.count).toBe(distinct);
          overlay.release();
          helper.close();
          expect(overlay.preservedChunkCount).toBe(distinct);
          expect(helper.count).toBe(0);
          const fresh = acquireBitmap(CHUNKS);
          expect(fresh.count).toBe(0);
          expect(Array.from(fresh.toIndices())).toEqual([]);
          recycleBitmap(fresh);
        }
        expect(disk.listenerCount).toBe(0);
      }),
    );
  });

  it('counts writes as a generation number for "written since" checks', () => {
    const disk = smallDisk();
    const g = disk.writeCount;
    disk.writeChunk(5, 5);
    disk.writeChunk(5, 5);
    expect(disk.writeCount - g).toBe(2);
  });

  it('rejects sizes that are negative or not a whole number of chunks', () => {
    expect(() => new VirtualDisk({ name: 'vm/x/disk/0', provisionedBytes: -1, chunkSizeBytes: MIB })).toThrow(ConfigError);
    expect(() => new VirtualDisk({ name: 'vm/x/disk/0', provisionedBytes: 1.5 * MIB, chunkSizeBytes: MIB })).toThrow(/whole number of 1048576-byte chunks/);
    expect(() => new VirtualDisk({ name: 'vm/x/disk/0', provisionedBytes: MIB, chunkSizeBytes: 0 })).toThrow(/vm\/x\/disk\/0: chunkSizeBytes must be a finite number > 0/);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    expect(() => new VirtualDisk({ name: 'vm/x/disk/0', provisionedBytes: MIB, chunkSizeBytes: MIB, provisioning: 'sparse' as any })).toThrow(ConfigError);
  });
});
