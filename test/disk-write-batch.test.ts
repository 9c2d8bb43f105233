import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZERO_CONTENT } from '../sim/disk/content-space.js';
import { MIB } from '../sim/disk/units.js';
import { VirtualDisk, type DiskWriteListener } from '../sim/disk/virtual-disk.js';
import { WriteBatch } from '../sim/disk/write-batch.js';
import { WrittenChunks } from '../sim/disk/written-chunks.js';
import { EpochLog } from '../sim/tracking/epoch-log.js';

// Several summary groups (64 chunks) and a partial last one.
const CHUNKS = 300;

function disk(): VirtualDisk {
  return new VirtualDisk({ name: 'vm/t/disk/0', provisionedBytes: CHUNKS * MIB, chunkSizeBytes: MIB });
}

/** A listener without the bulk form: it must see every write, in order, either way. */
class Recorder implements DiskWriteListener {
  readonly seen: number[][] = [];
  onChunkWrite(chunkIndex: number, oldId: number, newId: number): void {
    this.seen.push([chunkIndex, oldId, newId]);
  }
}

/** Batches of writes (zeros included, so chunks also return to zero), and whether to close an epoch after each. */
const batchesArb = fc.array(
  fc.record({
    writes: fc.array(fc.record({ chunk: fc.nat({ max: CHUNKS - 1 }), id: fc.oneof(fc.constant(ZERO_CONTENT), fc.nat({ max: 50 })) }), { maxLength: 40 }),
    close: fc.boolean(),
    release: fc.option(fc.record({ chunk: fc.nat({ max: CHUNKS - 10 }), count: fc.nat({ max: 10 }) }), { nil: undefined }),
  }),
  { maxLength: 12 },
);

function naiveNonZero(d: VirtualDisk): number[] {
  const out: number[] = [];
  for (let i = 0; i < d.chunkCount; i++) if (d.contentAt(i) !== ZERO_CONTENT) out.push(i);
  return out;
}

describe('batched disk writes', () => {
  it('leave the same disk, counts, trackers and listener calls as one write at a time', () => {
    fc.assert(
      fc.property(batchesArb, fc.boolean(), (batches, withRecorder) => {
        const one = disk();
        const bulk = disk();
        const logs = [new EpochLog<null>(one), new EpochLog<null>(bulk)];
        const written = [new WrittenChunks(one), new WrittenChunks(bulk)];
        const recorders = withRecorder ? [new Recorder(), new Recorder()] : [];
        if (withRecorder) {
          one.addListener(recorders[0]!);
          bulk.addListener(recorders[1]!);
        }
        const batch = new WriteBatch();
        // Reference for the tracker: the chunks written after each closed epoch.
        const closed: { epoch: number; after: Set<number> }[] = [];
        batches.forEach((b, n) => {
          batch.begin();
          b.writes.forEach((w, k) => {
            one.writeChunk(w.chunk, w.id);
            batch.push(w.chunk, w.id, n + k / 100);
            for (const c of closed) c.after.add(w.chunk);
          });
          bulk.writeBatch(batch);
          batch.end();
          if (b.release !== undefined) {
            one.release(b.release.chunk, b.release.count);
            bulk.release(b.release.chunk, b.release.count);
          }
          if (b.close) {
            const epoch = logs[0]!.close(`id-${n}`, null).epoch;
            expect(logs[1]!.close(`id-${n}`, null).epoch).toBe(epoch);
            closed.push({ epoch, after: new Set() });
          }
        });
        expect(Array.from(bulk.read(0, CHUNKS))).toEqual(Array.from(one.read(0, CHUNKS)));
        expect(bulk.sizes()).toEqual(one.sizes());
        expect(bulk.writeCount).toBe(one.writeCount);
        expect(Array.from(bulk.nonZeroChunks())).toEqual(naiveNonZero(one));
        expect(Array.from(one.nonZeroChunks())).toEqual(naiveNonZero(one));
        expect(Array.from(written[1]!.take())).toEqual(Array.from(written[0]!.take()));
        for (const c of closed) {
          const want = [...c.after].sort((a, b) => a - b);
          expect(Array.from(logs[0]!.changedAfter(c.epoch))).toEqual(want);
          expect(Array.from(logs[1]!.changedAfter(c.epoch))).toEqual(want);
        }
        if (withRecorder) expect(recorders[1]!.seen).toEqual(recorders[0]!.seen);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses to start a batch while another is being filled', () => {
    const batch = new WriteBatch();
    batch.begin();
    expect(() => batch.begin()).toThrow(/another/);
    batch.end();
    batch.begin();
    for (let k = 0; k < 5000; k++) batch.push(k % CHUNKS, k, k);
    expect(batch.count).toBe(5000);
    expect([batch.chunks[4999], batch.ids[4999], batch.times[4999]]).toEqual([4999 % CHUNKS, 4999, 4999]);
  });
});
