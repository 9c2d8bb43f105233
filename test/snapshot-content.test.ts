import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim/engine/simulation.js';
import { sameContent, type FrozenImage } from '../sim/disk/chunk-image.js';
import { MIB } from '../sim/disk/units.js';
import { DiskSnapshot } from '../sim/snapshot/disk-snapshot.js';
import { DiskSnapshots } from '../sim/snapshot/disk-snapshots.js';
import { MIN_DIFF_AREA_BYTES } from '../sim/snapshot/cow-snapshot.js';
import { SNAPSHOT_KIND_NAMES, type SnapshotKind } from '../sim/snapshot/snapshot-kinds.js';
import { storageIo } from '../sim/snapshot/storage-io.js';
import { makeDisk, makeStorage, runToEnd } from './support/snapshot-fixtures.js';

const CHUNKS = 48;
// 16 MiB chunks: the 320 MB minimum diff area holds 19 of them, so a
// copy-on-write snapshot of this 48-chunk disk can overflow.
const CHUNK_BYTES = 16 * MIB;
const COW_CAPACITY_CHUNKS = Math.floor(MIN_DIFF_AREA_BYTES / CHUNK_BYTES);

const opArb = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('write' as const), chunk: fc.nat({ max: CHUNKS - 1 }), id: fc.nat({ max: 500 }) }), weight: 12 },
  { arbitrary: fc.record({ op: fc.constant('burst' as const), start: fc.nat({ max: CHUNKS - 1 }), length: fc.integer({ min: 1, max: CHUNKS }), id: fc.nat({ max: 500 }) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('take' as const), kind: fc.constantFrom<SnapshotKind>(...SNAPSHOT_KIND_NAMES) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }), weight: 1 },
);

interface Live {
  snapshot: DiskSnapshot;
  expected: FrozenImage;
  written: Set<number>;
}

function world() {
  const sim = new Simulation({ seed: 7 });
  const storage = makeStorage(sim, { hardwareSnapshots: true });
  const disk = makeDisk(CHUNKS, CHUNK_BYTES);
  disk.writeSequential(0, CHUNKS / 2, 1000);
  const snapshots = new DiskSnapshots({ disk, io: storageIo(storage, CHUNK_BYTES), clock: sim });
  return { sim, disk, snapshots };
}

describe('a snapshot read view', () => {
  it('returns exactly the content at snapshot time, whatever the guest writes afterwards, for every kind', () => {
    // Idea: take snapshots of every kind at random moments between random
    // writes, delete some (running consolidations for redirect-on-write);
    // after every step each live snapshot reads exactly the frozen copy made
    // at its instant. A copy-on-write snapshot may instead be lost, and then
    // only because more distinct chunks were written than its diff area holds.
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 100 }), (ops) => {
        const { sim, disk, snapshots } = world();
        let live: Live[] = [];
        let n = 0;
        for (const o of ops) {
          if (o.op === 'write') {
            disk.writeChunk(o.chunk, o.id);
            for (const l of live) l.written.add(o.chunk);
          } else if (o.op === 'burst') {
            // A run of writes, wrapping round the disk: enough to fill a diff area.
            for (let k = 0; k < o.length; k++) {
              const chunk = (o.start + k) % CHUNKS;
              disk.writeChunk(chunk, o.id + k);
              for (const l of live) l.written.add(chunk);
            }
          } else if (o.op === 'take') {
            const taken = snapshots.take(o.kind, `s${++n}`);
            if (taken instanceof DiskSnapshot) live.push({ snapshot: taken, expected: disk.freeze(), written: new Set() });
            else expect(taken.kind).toBe('snapshot-limit');
          } else if (live.length > 0) {
            const l = live[o.pick % live.length]!;
            const deletion = runToEnd(sim, l.snapshot.delete(sim));
            expect(deletion.kind).toBe(l.snapshot.status === 'lost' ? 'already-lost' : 'deleted');
            live = live.filter((x) => x !== l);
          }
          for (const l of live) {
            if (l.snapshot.status === 'active') {
              expect(sameContent(l.snapshot.image, l.expected)).toBe(true);
              if (l.snapshot.kind === 'copy-on-write') expect(l.written.size).toBeLessThanOrEqual(COW_CAPACITY_CHUNKS);
            } else {
              expect(l.snapshot.kind).toBe('copy-on-write');
              expect(l.written.size).toBeGreaterThan(COW_CAPACITY_CHUNKS);
              expect(l.snapshot.read().kind).toBe('lost');
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a point in time per snapshot along a redirect-on-write chain', () => {
    const { disk, snapshots } = world();
    const points: { snapshot: DiskSnapshot; expected: FrozenImage }[] = [];
    for (let k = 0; k < 5; k++) {
      const s = snapshots.take('redirect-on-write', `chain-${k}`);
      if (!(s instanceof DiskSnapshot)) throw new Error('expected a snapshot');
      points.push({ snapshot: s, expected: disk.freeze() });
      for (let c = 0; c < 10; c++) disk.writeChunk((k * 7 + c) % CHUNKS, 2000 + k * 10 + c);
    }
    for (const p of points) expect(sameContent(p.snapshot.image, p.expected)).toBe(true);
  });
});
