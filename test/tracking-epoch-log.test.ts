import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIB } from '../sim/disk/units.js';
import { VirtualDisk, type DiskWriteListener } from '../sim/disk/virtual-disk.js';
import { WriteBatch } from '../sim/disk/write-batch.js';
import { EpochLog } from '../sim/tracking/epoch-log.js';

/** A listener without the bulk form, so the disk tells its listeners one write at a time. */
const perWrite: DiskWriteListener = { onChunkWrite: () => {} };

const opArb = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('batch' as const), chunks: fc.array(fc.nat(), { maxLength: 40, size: 'max' }) }), weight: 6 },
  { arbitrary: fc.record({ op: fc.constant('close' as const) }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('reset' as const) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('query' as const), back: fc.nat({ max: 4 }) }), weight: 4 },
);

/** Plain reference: the last epoch that wrote each chunk. */
class ReferenceLog {
  epoch = 1;
  readonly last = new Map<number, number>();

  write(chunk: number): void {
    this.last.set(chunk, this.epoch);
  }

  changedAfter(epoch: number): number[] {
    return [...this.last].filter(([, e]) => e > epoch).map(([c]) => c).sort((a, b) => a - b);
  }
}

describe('the epoch log', () => {
  it('answers every epoch with exactly the chunks a plain per-chunk record says were written after it', () => {
    // Idea: the recent-writes list is only a faster way to the stamps' answer.
    // Against a map of each chunk's last writing epoch, queries about the last
    // closed epoch, the open one, later ones and older ones (the scan) agree,
    // through closes, resets, a list that outgrows its bound (small disks
    // allow 64 entries an epoch), and both ways a disk tells its listeners.
    fc.assert(
      fc.property(fc.constantFrom(100, 300, 2048), fc.boolean(), fc.array(opArb, { maxLength: 60, size: 'max' }), (chunkCount, oneAtATime, ops) => {
        const disk = new VirtualDisk({ name: 'vm/t/disk/0', provisionedBytes: chunkCount * MIB, chunkSizeBytes: MIB });
        const log = new EpochLog<null>(disk);
        if (oneAtATime) disk.addListener(perWrite);
        const ref = new ReferenceLog();
        const batch = new WriteBatch();
        let ids = 0;
        ops.forEach((o, n) => {
          if (o.op === 'batch') {
            batch.begin();
            for (const c of o.chunks) batch.push(c % chunkCount, ++ids, 0);
            disk.writeBatch(batch);
            batch.end();
            for (const c of o.chunks) ref.write(c % chunkCount);
          } else if (o.op === 'close') {
            expect(log.close(`id-${n}`, null).epoch).toBe(ref.epoch);
            ref.epoch++;
          } else if (o.op === 'reset') {
            log.reset('manual');
            ref.epoch = 1;
            ref.last.clear();
          } else {
            // From a few epochs back to one past the open epoch.
            const epoch = Math.max(0, ref.epoch + 1 - o.back);
            expect(Array.from(log.changedAfter(epoch))).toEqual(ref.changedAfter(epoch));
          }
        });
        for (let e = 0; e <= ref.epoch; e++) expect(Array.from(log.changedAfter(e))).toEqual(ref.changedAfter(e));
      }),
      { numRuns: 300 },
    );
  });

  it('answers the night-before question from writes that overflowed the list on an earlier day', () => {
    const disk = new VirtualDisk({ name: 'vm/t/disk/0', provisionedBytes: 100 * MIB, chunkSizeBytes: MIB });
    const log = new EpochLog<null>(disk);
    // Day 1 writes every chunk (more than the 64-entry list holds); day 2 writes three.
    for (let c = 0; c < 100; c++) disk.writeChunk(c, c + 1);
    const night1 = log.close('night-1', null);
    for (const c of [7, 3, 7, 90]) disk.writeChunk(c, 500 + c);
    const night2 = log.close('night-2', null);
    expect(Array.from(log.changedAfter(night1.epoch))).toEqual([3, 7, 90]);
    expect(Array.from(log.changedAfter(night1.epoch - 1))).toHaveLength(100);
    expect(Array.from(log.changedAfter(night2.epoch))).toEqual([]);
  });
});
