import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompressionModel } from '../sim/repository/compression.js';
import { fingerprintOf } from '../sim/repository/fingerprint.js';
import { CHUNK, committed, image, repository, restored } from './support/repository-fixtures.js';

// Two shortcuts of a one-chunk repository's fulls: the plan asks the id index
// about a whole disk at once (IdIndex.findEach) and only sorts the answers,
// and the commit writes a full's slots into the block list it was handed
// where the map keeps runs of blocks instead. Both must be invisible: the
// traffic follows from the content alone, and every point restores exactly.

/** Disk images in runs of ids (a template shared between machines, fresh data, zeros, repeats within a disk). */
const imageArb = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('template' as const), from: fc.nat({ max: 40 }), length: fc.integer({ min: 1, max: 30 }) }),
    fc.record({ kind: fc.constant('fresh' as const), length: fc.integer({ min: 1, max: 30 }) }),
    fc.record({ kind: fc.constant('zeros' as const), length: fc.integer({ min: 1, max: 20 }) }),
    fc.record({ kind: fc.constant('repeat' as const), id: fc.integer({ min: 1, max: 3 }), length: fc.integer({ min: 1, max: 5 }) }),
  ),
  { minLength: 1, maxLength: 6 },
);

const compression = new CompressionModel({ minStoredFraction: 0.4, maxStoredFraction: 0.9 });

describe('fulls of a one-chunk repository', () => {
  it('cost what their content says and restore exactly, with each full\'s list handed over or read whole', () => {
    // The model: a non-zero chunk is new the first time its id is ever stored,
    // and a duplicate otherwise (earlier in the same backup included); new
    // blocks store the compressed size of their id's fingerprint.
    fc.assert(
      fc.property(fc.array(fc.tuple(imageArb, fc.nat({ max: 2 }), fc.boolean()), { minLength: 1, maxLength: 6 }), (backups) => {
        const repo = repository({ compression: { meanStoredFraction: 0.65, spread: 0.5 } });
        const stored = new Set<number>();
        let fresh = 1000;
        const points: { id: number; ids: number[] }[] = [];
        backups.forEach(([pieces, machine, listed], n) => {
          const ids: number[] = [];
          for (const p of pieces) {
            if (p.kind === 'template') for (let j = 0; j < p.length; j++) ids.push(100 + p.from + j);
            else if (p.kind === 'fresh') for (let j = 0; j < p.length; j++) ids.push(fresh++);
            else for (let j = 0; j < p.length; j++) ids.push(p.kind === 'zeros' ? 0 : p.id);
          }
          const nonZero = ids.flatMap((id, c) => (id !== 0 ? [c] : []));
          const readChunks = Uint32Array.from(nonZero);
          const disk = { name: 'disk/0', image: image(ids), ...(listed ? { readChunks } : {}) };
          const plan = repo.planIngest({ machine: `vm/${machine}`, timeSec: n + 1, kind: 'full', placement: 'source', consistency: 'crash-consistent', disks: [disk] });
          let newBlocks = 0;
          let newPhysical = 0;
          const read = listed ? nonZero.map((c) => ids[c]!) : ids;
          for (const id of read) {
            if (id === 0 || stored.has(id)) continue;
            stored.add(id);
            newBlocks++;
            newPhysical += compression.physicalBytes(fingerprintOf(Uint32Array.of(id), 0, 1), CHUNK);
          }
          const zeros = read.filter((id) => id === 0).length;
          const t = plan.traffic;
          expect([t.blocksRead, t.zeroBlocks, t.newBlocks, t.duplicateBlocks, t.newPhysicalBytes]).toEqual([read.length, zeros, newBlocks, read.length - zeros - newBlocks, newPhysical]);
          expect([t.bytesReadAtSource, t.zeroBytes, t.bytesHashedAtSource, t.dataBytesSent]).toEqual([read.length * CHUNK, zeros * CHUNK, (read.length - zeros) * CHUNK, newPhysical]);
          const outcome = committed(repo.commit(plan));
          points.push({ id: outcome.point.id, ids });
        });
        for (const p of points) expect(restored(repo, p.id)).toEqual(p.ids);
        expect(repo.audit()).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('writes a full\'s slots into the block list it was handed when its map keeps runs, and restores it', () => {
    const repo = repository();
    const ids = [...Array.from({ length: 50 }, (_, i) => 10 + i), 0, 0, ...Array.from({ length: 50 }, (_, i) => 500 + i)];
    const readChunks = Uint32Array.from(ids.flatMap((id, c) => (id !== 0 ? [c] : [])));
    const plan = repo.planIngest({ machine: 'vm/a', timeSec: 1, kind: 'full', placement: 'source', consistency: 'crash-consistent', disks: [{ name: 'disk/0', image: image(ids), readChunks }] });
    const outcome = committed(repo.commit(plan));
    // Slots are handed out from 1 in the order the blocks are stored.
    expect([...readChunks]).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(restored(repo, outcome.point.id)).toEqual(ids);
    expect(outcome.point.disks[0]!.logicalBytes).toBe(100 * CHUNK);
  });
});
