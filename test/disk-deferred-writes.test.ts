import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AleaCursor, RandomStream } from '../sim/engine/random.js';
import { ChangeProcess } from '../sim/disk/change-process.js';
import { ContentSpace } from '../sim/disk/content-space.js';
import { MAX_DEFERRED_PIECES, PieceLog } from '../sim/disk/deferred-writes.js';
import { TemplatePool } from '../sim/disk/template-pool.js';
import { GIB, MIB } from '../sim/disk/units.js';
import type { DiskWriteListener, VirtualDisk } from '../sim/disk/virtual-disk.js';
import { buildVmDisk } from '../sim/disk/vm-disk.js';
import { EpochLog } from '../sim/tracking/epoch-log.js';

/** A world of one small VM disk with a change tracker's log, its change process, and the content space. */
function vm(seed: number, preset: 'typical' | 'database', dailyGrowthFraction: number) {
  const space = new ContentSpace(MIB);
  const pool = new TemplatePool(space);
  const { disk } = buildVmDisk({ name: 'vm/v/disk/0', provisionedBytes: 8 * GIB, template: 'rhel6', appDataBytes: 2 * GIB }, pool, space);
  const path = 'vm/v/disk/0/changes';
  const process = new ChangeProcess(disk, space, new RandomStream(seed, path), { name: path, preset, dailyGrowthFraction });
  return { space, disk, process, log: new EpochLog<null>(disk) };
}

/** A listener that must hear of each write at once: a disk with it never defers. */
function eagerListener(): DiskWriteListener & { chunks: number[] } {
  const chunks: number[] = [];
  return { chunks, onChunkWrite: (c) => void chunks.push(c) };
}

const content = (disk: VirtualDisk) => Array.from(disk.read(0, disk.chunkCount));

const stepArb = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('batch' as const), sec: fc.integer({ min: 0, max: 3 * 3600 }) }), weight: 8 },
  { arbitrary: fc.record({ op: fc.constant('close' as const) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('query' as const) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('read' as const), chunk: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('listen' as const) }), weight: 1 },
);

describe('deferred writes', () => {
  it('draws what the stream draws, from any point of it, with a cursor built from its state', () => {
    // Idea: the cursor is Alea's step on copied state, so after any number of
    // draws it continues the stream bit for bit, and moving it leaves the stream alone.
    fc.assert(
      fc.property(fc.string(), fc.nat({ max: 500 }), fc.nat({ max: 200 }), (seed, before, skipped) => {
        const stream = new RandomStream(seed, 'vm/x/disk/0/changes');
        for (let k = 0; k < before; k++) stream.uniform();
        const cursor = new AleaCursor();
        cursor.setState(stream.state());
        const ahead: number[] = [];
        cursor.skip(skipped);
        for (let k = 0; k < 20; k++) ahead.push(cursor.uniform());
        const drawn: number[] = [];
        for (let k = 0; k < skipped + 20; k++) drawn.push(stream.uniform());
        expect(ahead).toEqual(drawn.slice(skipped));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps pieces as pushed, in order, up to its bound', () => {
    // Idea: the log is a plain list of four-number records that grows on demand and refuses past its bound.
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat({ max: 0xffff_ffff }), fc.nat({ max: 100_000 })), { maxLength: 400 }), (pieces) => {
        const log = new PieceLog();
        for (const [a, b, id, n] of pieces) log.push(a, a + b, id, n);
        expect(log.length).toBe(pieces.length);
        pieces.forEach(([a, b, id, n], i) => {
          expect([log.startSec(i), log.endSec(i), log.firstId(i), log.writes(i)]).toEqual([a, a + b, id, n]);
        });
        log.clear();
        expect(log.length).toBe(0);
      }),
    );
    const log = new PieceLog();
    for (let i = 0; i < MAX_DEFERRED_PIECES; i++) log.push(i, i + 1, i, 1);
    expect(log.full).toBe(true);
    expect(() => log.push(0, 1, 0, 1)).toThrow();
  });

  it('leaves the disk, its change log, the ids and every summary exactly as writing at once does', () => {
    // Idea: deferring moves only the moment writes reach memory. Two twins take
    // the same batches; one disk has a listener that must hear each write at
    // once (so its process writes at batch time), the other only a change
    // log (so its process counts and defers). Reads, closes and queries in
    // between, a listener joining mid-way and growth all see the same disk,
    // the same answers and the same content ids handed out.
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.constantFrom('typical' as const, 'database' as const),
        fc.constantFrom(0, 0.01),
        fc.array(stepArb, { maxLength: 40 }),
        (seed, preset, growth, steps) => {
          const lazy = vm(seed, preset, growth);
          const eager = vm(seed, preset, growth);
          const all = eagerListener();
          eager.disk.addListener(all);
          let t = 0;
          let closes = 0;
          let joined: (DiskWriteListener & { chunks: number[] }) | null = null;
          let joinedAt = 0;
          for (const s of steps) {
            if (s.op === 'batch') {
              expect(lazy.process.applyWrites(lazy.disk, t, t + s.sec)).toEqual(eager.process.applyWrites(eager.disk, t, t + s.sec));
              expect(lazy.process.frontierChunk).toBe(eager.process.frontierChunk);
              expect(lazy.space.issuedCount).toBe(eager.space.issuedCount);
              t += s.sec;
            } else if (s.op === 'close') {
              closes++;
              expect(lazy.log.close(`id-${closes}`, null).epoch).toBe(eager.log.close(`id-${closes}`, null).epoch);
            } else if (s.op === 'query') {
              expect(Array.from(lazy.log.changedAfter(closes))).toEqual(Array.from(eager.log.changedAfter(closes)));
            } else if (s.op === 'read') {
              const c = s.chunk % lazy.disk.chunkCount;
              expect(lazy.disk.contentAt(c)).toBe(eager.disk.contentAt(c));
            } else if (joined === null) {
              // A listener that must hear at once joins the lazy disk: it hears only what comes after it.
              joined = eagerListener();
              lazy.disk.addListener(joined);
              joinedAt = all.chunks.length;
              expect(lazy.disk.writeCount).toBe(eager.disk.writeCount);
            }
          }
          expect(lazy.disk.writeCount).toBe(eager.disk.writeCount);
          expect(content(lazy.disk)).toEqual(content(eager.disk));
          for (let e = 0; e <= closes; e++) expect(Array.from(lazy.log.changedAfter(e))).toEqual(Array.from(eager.log.changedAfter(e)));
          expect(lazy.disk.sizes()).toEqual(eager.disk.sizes());
          if (joined !== null) expect(joined.chunks).toEqual(all.chunks.slice(joinedAt));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('applies a log that reaches its bound and goes on deferring', () => {
    // Idea: a disk nobody reads for longer than the log holds (here 1,100 hourly
    // batches) still ends exactly as a disk written at once.
    const lazy = vm(5, 'typical', 0.01);
    const eager = vm(5, 'typical', 0.01);
    eager.disk.addListener(eagerListener());
    for (let h = 0; h < MAX_DEFERRED_PIECES + 76; h++) {
      lazy.process.applyWritesCounted(lazy.disk, h * 3600, (h + 1) * 3600);
      eager.process.applyWritesCounted(eager.disk, h * 3600, (h + 1) * 3600);
    }
    expect(lazy.space.issuedCount).toBe(eager.space.issuedCount);
    expect(content(lazy.disk)).toEqual(content(eager.disk));
    expect(Array.from(lazy.log.changedAfter(0))).toEqual(Array.from(eager.log.changedAfter(0)));
  });

  it('refuses to defer while a listener must hear of each write at once', () => {
    const { disk, process } = vm(1, 'typical', 0);
    disk.addListener(eagerListener());
    expect(disk.takesDeferredWrites).toBe(false);
    expect(() => disk.deferWrites(process)).toThrow();
  });
});
