import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim/engine/simulation.js';
import type { ProcessBody } from '../sim/engine/process.js';
import { MIB } from '../sim/disk/units.js';
import type { VirtualDisk } from '../sim/disk/virtual-disk.js';
import { ArraySnapshot, createArraySnapshot } from '../sim/snapshot/array-snapshot.js';
import { CONSOLIDATION_DEFAULTS, planConsolidation, type ConsolidationResult } from '../sim/snapshot/consolidation-policy.js';
import { CowSnapshot, MIN_DIFF_AREA_BYTES } from '../sim/snapshot/cow-snapshot.js';
import { DiskSnapshot } from '../sim/snapshot/disk-snapshot.js';
import { DiskSnapshots } from '../sim/snapshot/disk-snapshots.js';
import { RowChain, RowSnapshot } from '../sim/snapshot/row-snapshot.js';
import { ARRAY_SNAPSHOT_DELETE_SEC, MAX_ROW_CHAIN_LENGTH, SNAPSHOT_KINDS } from '../sim/snapshot/snapshot-kinds.js';
import { storageIo } from '../sim/snapshot/storage-io.js';
import { makeDisk, makeStorage, runToEnd } from './support/snapshot-fixtures.js';

/** A disk on a datastore of 100 MiB/s and 100 IO/s, snapshot I/O in 1 MiB chunks. */
function world(options: { chunks?: number; iops?: number; hardwareSnapshots?: boolean } = {}) {
  const sim = new Simulation({ seed: 3 });
  const storage = makeStorage(sim, { bandwidthBytesPerSec: 100 * MIB, iops: options.iops ?? 100, ...(options.hardwareSnapshots !== undefined ? { hardwareSnapshots: options.hardwareSnapshots } : {}) });
  const disk = makeDisk(options.chunks ?? 4096);
  disk.writeSequential(0, 1024, 1);
  const io = storageIo(storage, MIB);
  return { sim, storage, disk, io };
}

function rowSnapshot(chain: RowChain, id: string): RowSnapshot {
  const s = chain.create(id);
  if (!(s instanceof RowSnapshot)) throw new Error('expected a snapshot');
  return s;
}

/** Writes `chunksPerSec` distinct chunks a second, in 0.1 s batches, cycling over the disk, until `stop()` is true. */
function* guestWriter(disk: VirtualDisk, chunksPerSec: number, stop: () => boolean): ProcessBody<void> {
  let next = 2000;
  let id = 1_000_000;
  let owed = 0;
  while (!stop()) {
    owed += chunksPerSec * 0.1;
    for (; owed >= 1; owed--) disk.writeChunk(next++ % disk.chunkCount, id++);
    yield 0.1;
  }
}

/** Deletes the running snapshot of a disk with `deltaChunks` written, while the guest writes at a steady rate. */
function consolidateUnderLoad(deltaChunks: number, guestChunksPerSec: number): ConsolidationResult {
  // A 64 GiB disk, so helper deltas are never capped by its size here.
  const { sim, disk, io } = world({ iops: 1_000_000, chunks: 65_536 });
  const chain = new RowChain(disk, io, sim);
  const s = rowSnapshot(chain, 'snap');
  for (let c = 0; c < deltaChunks; c++) disk.writeChunk(c, 5_000_000 + c);
  let done = false;
  sim.process('guest', guestWriter(disk, guestChunksPerSec, () => done));
  const deletion = runToEnd(
    sim,
    (function* () {
      const d = yield* s.delete(sim);
      done = true;
      return d;
    })(),
  );
  if (deletion.kind !== 'deleted' || deletion.consolidation === null) throw new Error('expected a consolidation');
  return deletion.consolidation;
}

describe('copy-on-write cost', () => {
  it('is 3 I/O on the first write to a chunk after the snapshot, and 1 I/O for later writes to it', () => {
    const { sim, disk, io } = world();
    const cow = new CowSnapshot('cow', disk, io, sim);
    const totalIo = () => cow.guestWrites * SNAPSHOT_KINDS['copy-on-write'].ioPerLaterWrite + cow.account().extraIoCount;
    disk.writeChunk(7, 99);
    expect(totalIo()).toBe(3);
    expect(cow.account()).toMatchObject({ guestWrites: 1, firstWrites: 1, extraIoCount: 2, extraIoBytes: 2 * MIB, diffAreaUsedBytes: MIB });
    disk.writeChunk(7, 100);
    expect(totalIo()).toBe(3 + 1);
    expect(cow.account()).toMatchObject({ guestWrites: 2, firstWrites: 1, extraIoCount: 2 });
  });

  it('is 1 I/O per write when there is no snapshot', () => {
    const { sim, disk, io } = world();
    const other = makeDisk(64, MIB, 'vm/t/disk/1');
    const cow = new CowSnapshot('cow', other, io, sim);
    disk.writeChunk(7, 99);
    disk.writeChunk(8, 98);
    // Nothing listens to the first disk: its writes carry no snapshot work.
    expect(disk.listenerCount).toBe(0);
    expect(cow.account()).toMatchObject({ guestWrites: 0, extraIoCount: 0, extraIoBytes: 0 });
  });

  it('charges its extra I/O as a flow on the datastore: 2 chunk-sized I/O per first write', () => {
    const { sim, storage, disk, io } = world({ iops: 100 });
    const cow = new CowSnapshot('cow', disk, io, sim);
    for (let c = 0; c < 50; c++) disk.writeChunk(c, 10_000 + c);
    for (let c = 0; c < 50; c++) disk.writeChunk(c, 20_000 + c);
    const flow = cow.chargePendingIo(sim);
    sim.run();
    // 50 first writes: 100 extra I/O of 1 MiB; at 100 IO/s the IOPS resource binds: 1 s.
    expect(flow!.value).toMatchObject({ state: 'done', bytes: 100 * MIB, endSec: 1 });
    expect(storage.iops.recorder.totalLoadSec).toBeCloseTo(100, 9);
    expect(storage.bandwidth.recorder.totalLoadSec).toBeCloseTo(100 * MIB, 0);
    expect(cow.chargePendingIo(sim)).toBeNull();
  });

  it('loses the shadow copy when its diff area is full, and says so', () => {
    const { sim, disk, io } = world();
    const cow = new CowSnapshot('cow', disk, io, sim);
    const fits = Math.floor(MIN_DIFF_AREA_BYTES / MIB);
    for (let c = 0; c < fits; c++) disk.writeChunk(c, 50_000 + c);
    expect(cow.status).toBe('active');
    disk.writeChunk(fits, 60_000);
    expect(cow.status).toBe('lost');
    expect(cow.read()).toMatchObject({ kind: 'lost', lostAtSec: 0 });
    expect(cow.account()).toMatchObject({ status: 'lost', extraIoCount: 2 * fits, diffAreaUsedBytes: fits * MIB, diffAreaBytes: MIN_DIFF_AREA_BYTES });
    // Deleting it afterwards reports the loss instead of pretending.
    expect(runToEnd(sim, cow.delete(sim))).toMatchObject({ kind: 'already-lost', id: 'cow' });
    expect(disk.listenerCount).toBe(0);
  });

  it('is lost exactly when more distinct chunks are first-written than the diff area holds', () => {
    // Idea: the diff area fills one chunk per distinct chunk written since the
    // snapshot, whatever the order and repetition of writes, so loss happens
    // at the first write of the (capacity + 1)-th distinct chunk and never before.
    const chunkBytes = 16 * MIB;
    const capacity = Math.floor(MIN_DIFF_AREA_BYTES / chunkBytes);
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 39 }), { maxLength: 120 }), (writes) => {
        const sim = new Simulation({ seed: 1 });
        const disk = makeDisk(40, chunkBytes);
        const cow = new CowSnapshot('cow', disk, storageIo(makeStorage(sim), chunkBytes), sim);
        const seen = new Set<number>();
        for (const [k, chunk] of writes.entries()) {
          disk.writeChunk(chunk, k + 1);
          seen.add(chunk);
          expect(cow.status).toBe(seen.size > capacity ? 'lost' : 'active');
        }
        expect(cow.account().extraIoCount).toBe(2 * Math.min(seen.size, capacity));
      }),
      { numRuns: 200 },
    );
  });
});

describe('redirect-on-write delta', () => {
  it('grows by the distinct chunks written times the chunk size, with no extra I/O per write', () => {
    const { sim, disk, io } = world();
    const chain = new RowChain(disk, io, sim);
    const s = rowSnapshot(chain, 'snap');
    for (const c of [1, 2, 2, 3, 1, 5, 5, 5]) disk.writeChunk(c, 70_000 + c);
    expect(s.account()).toMatchObject({ guestWrites: 8, firstWrites: 4, deltaBytes: 4 * MIB, deltaPeakBytes: 4 * MIB, extraIoCount: 0 });
  });

  it('gives each snapshot of a chain the writes up to the next one, and the newest the running delta', () => {
    const { sim, disk, io } = world();
    const chain = new RowChain(disk, io, sim);
    const a = rowSnapshot(chain, 'a');
    for (const c of [1, 2, 3]) disk.writeChunk(c, 80_000 + c);
    const b = rowSnapshot(chain, 'b');
    for (const c of [3, 4]) disk.writeChunk(c, 81_000 + c);
    expect([a.deltaBytes(), b.deltaBytes(), chain.deltaBytes()]).toEqual([3 * MIB, 2 * MIB, 5 * MIB]);
    expect([a.running, b.running]).toEqual([false, true]);
    // Deleting the newest merges its delta into a's, which becomes the running one again.
    runToEnd(sim, b.delete(sim));
    expect(a.deltaBytes()).toBe(4 * MIB);
    expect(a.running).toBe(true);
  });

  it(`allows at most ${MAX_ROW_CHAIN_LENGTH} snapshots per chain, then answers with the limit`, () => {
    const { sim, disk, io } = world();
    const chain = new RowChain(disk, io, sim);
    for (let k = 0; k < MAX_ROW_CHAIN_LENGTH; k++) rowSnapshot(chain, `s${k}`);
    expect(chain.create('one-too-many')).toMatchObject({ kind: 'snapshot-limit', limit: 32 });
  });

  it('consolidates with I/O proportional to the delta and a final stun under 1 s when the guest is quiet', () => {
    for (const deltaChunks of [500, 1000]) {
      const c = consolidateUnderLoad(deltaChunks, 0);
      // Read + write of the delta at 100 MiB/s: 2 x delta / 100 MiB/s.
      expect(c.ioBytes).toBe(2 * deltaChunks * MIB);
      expect(c.passes).toEqual([{ deltaBytes: deltaChunks * MIB, durationSec: (2 * deltaChunks) / 100 }]);
      expect(c.stunSec).toBeCloseTo(CONSOLIDATION_DEFAULTS.stunSwitchSec, 9);
      expect(c.stunSec).toBeLessThan(1);
      expect(c.converged).toBe(true);
    }
  });

  it('stuns longer the faster the guest writes, and cannot converge when it writes faster than the merge', () => {
    // The merge runs at 50 MiB/s of delta (100 MiB/s of I/O, read + write).
    const [quiet, busy, flooded, worse] = [0, 25, 60, 70].map((rate) => consolidateUnderLoad(1000, rate));
    // Quiet: one pass, then only the switch. Busy but slower than the merge:
    // more passes, and a final stun that stays within the 1 s target.
    expect(quiet!.stunSec).toBeLessThan(busy!.stunSec);
    expect(busy!.converged).toBe(true);
    expect(busy!.passes.length).toBeGreaterThan(quiet!.passes.length);
    expect(busy!.stunSec).toBeLessThanOrEqual(CONSOLIDATION_DEFAULTS.stunTargetSec + CONSOLIDATION_DEFAULTS.stunSwitchSec);
    // Faster than the merge: the helper never shrinks, the stun is forced
    // after the bounded passes and lasts longer than the whole first delta's merge.
    for (const c of [flooded!, worse!]) {
      expect(c.converged).toBe(false);
      expect(c.passes).toHaveLength(CONSOLIDATION_DEFAULTS.maxPasses);
      expect(c.stunSec).toBeGreaterThan(1000 / 50);
    }
    expect(worse!.stunSec).toBeGreaterThan(flooded!.stunSec);
    expect(flooded!.stunSec).toBeGreaterThan(60);
  });

  it('matches the closed-form plan when the guest writes steadily', () => {
    const simulated = consolidateUnderLoad(1000, 25);
    const planned = planConsolidation({ deltaBytes: 1000 * MIB, mergeBytesPerSec: 50 * MIB, guestDeltaBytesPerSec: 25 * MIB });
    expect(simulated.passes.length).toBe(planned.passes.length);
    expect(simulated.stunSec).toBeCloseTo(planned.stunSec, 1);
    expect(simulated.ioBytes / planned.ioBytes).toBeCloseTo(1, 1);
  });

  it('plans more merge work for a faster guest, a stun within target when it converges, and a long one when the guest outruns the merge', () => {
    // Idea: in the closed form every helper delta grows with the guest's write
    // rate, so the merged bytes and the consolidation's duration never shrink
    // as it writes faster; a converged consolidation stuns at most the target
    // plus the switch; a guest at least as fast as the merge never lets the
    // helper shrink, so the forced stun is at least the first delta's merge.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 1000 }), fc.nat({ max: 2000 }), fc.nat({ max: 2000 }), (deltaMib, mergeMib, a, b) => {
        const [slow, fast] = a <= b ? [a, b] : [b, a];
        const plan = (rate: number) => planConsolidation({ deltaBytes: deltaMib * MIB, mergeBytesPerSec: mergeMib * MIB, guestDeltaBytesPerSec: rate * MIB });
        const [p, q] = [plan(slow), plan(fast)];
        expect(q.ioBytes).toBeGreaterThanOrEqual(p.ioBytes * (1 - 1e-12));
        expect(q.durationSec).toBeGreaterThanOrEqual(p.durationSec * (1 - 1e-12));
        const { stunTargetSec, stunSwitchSec } = CONSOLIDATION_DEFAULTS;
        for (const c of [p, q]) if (c.converged) expect(c.stunSec).toBeLessThanOrEqual(stunTargetSec + stunSwitchSec + 1e-9);
        if (fast >= mergeMib && deltaMib / mergeMib > stunTargetSec) {
          expect(q.converged).toBe(false);
          expect(q.stunSec).toBeGreaterThanOrEqual(deltaMib / mergeMib);
        }
        expect(plan(0).stunSec).toBeLessThan(1);
      }),
    );
  });
});

describe('array snapshot', () => {
  it('costs no I/O per write and only control time, on an array that supports it', () => {
    const { sim, disk, io } = world({ hardwareSnapshots: true });
    const s = createArraySnapshot('arr', disk, io, sim);
    if (!(s instanceof ArraySnapshot)) throw new Error('expected an array snapshot');
    for (let c = 0; c < 100; c++) disk.writeChunk(c, 90_000 + c);
    expect(s.account()).toMatchObject({ guestWrites: 100, firstWrites: 100, extraIoCount: 0, extraIoBytes: 0, deltaBytes: 0 });
    const deletion = runToEnd(sim, s.delete(sim));
    expect(deletion).toMatchObject({ kind: 'deleted', deletedAtSec: ARRAY_SNAPSHOT_DELETE_SEC, consolidation: null });
  });

  it('is unsupported on storage whose array takes no hardware snapshots', () => {
    const { sim, disk, io } = world({ hardwareSnapshots: false });
    expect(createArraySnapshot('arr', disk, io, sim)).toMatchObject({ kind: 'unsupported', capability: 'hardware-snapshot' });
    const all = new DiskSnapshots({ disk, io, clock: sim });
    expect(all.take('array', 'arr')).toMatchObject({ kind: 'unsupported', capability: 'hardware-snapshot' });
    expect(all.take('redirect-on-write', 'row')).toBeInstanceOf(DiskSnapshot);
  });
});
