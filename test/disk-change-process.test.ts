import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../sim/engine/errors.js';
import { RandomStream } from '../sim/engine/random.js';
import { ChunkBitmap } from '../sim/disk/chunk-bitmap.js';
import { ChangeProcess } from '../sim/disk/change-process.js';
import type { ChangeProcessOptions } from '../sim/disk/change-config.js';
import { ContentSpace } from '../sim/disk/content-space.js';
import { expectedDistinctFraction, writesPerChunkForChangeFraction } from '../sim/disk/locality.js';
import { TemplatePool } from '../sim/disk/template-pool.js';
import { GIB, MIB, SECONDS_PER_DAY } from '../sim/disk/units.js';
import { VirtualDisk } from '../sim/disk/virtual-disk.js';
import { buildVmDisk } from '../sim/disk/vm-disk.js';

const DAY = SECONDS_PER_DAY;

/** A VM disk of `usedChunks` used 1 MiB chunks in a 2x larger disk, and its change process. */
function vm(space: ContentSpace, pool: TemplatePool, name: string, seed: number, options: Partial<ChangeProcessOptions> = {}) {
  const { disk } = buildVmDisk({ name: `vm/${name}/disk/0`, provisionedBytes: 40 * GIB, template: 'rhel6', appDataBytes: 6 * GIB }, pool, space);
  const path = `vm/${name}/disk/0/changes`;
  const process = new ChangeProcess(disk, space, new RandomStream(seed, path), { name: path, ...options });
  return { disk, process };
}

function world() {
  const space = new ContentSpace(MIB);
  return { space, pool: new TemplatePool(space) };
}

/** Records the chunk index of every write a disk sees. */
function recordWrites(disk: VirtualDisk): number[] {
  const log: number[] = [];
  disk.addListener({ onChunkWrite: (chunk) => log.push(chunk) });
  return log;
}

describe('a change process', () => {
  it('produces identical disks from the same seed after a day of changes', () => {
    // Idea: all randomness comes from the seeded stream, so two builds with one
    // seed end the day byte-for-byte equal, and other seeds differ.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom('typical', 'database', 'sizing-assumption' as const), (seed, preset) => {
        const [a, b, c] = [seed, seed, seed + 1].map((s) => {
          const w = world();
          const v = vm(w.space, w.pool, 'web', s, { preset });
          v.process.applyWrites(v.disk, 0, DAY);
          return Array.from(v.disk.read(0, v.disk.chunkCount));
        });
        expect(b).toEqual(a);
        expect(c).not.toEqual(a);
      }),
      { numRuns: 15 },
    );
  });

  it('writes the same chunks and counts whether a batch is applied with or without a summary', () => {
    // Idea: applyWritesCounted (the guest driver's path: no summary object, no
    // per-piece callback) draws and writes exactly what applyWrites does, over
    // any cut of the time line into batches, hour boundaries included.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.array(fc.integer({ min: 1, max: 5400 }), { minLength: 1, maxLength: 30 }), (seed, steps) => {
        const a = world();
        const b = world();
        const x = vm(a.space, a.pool, 'x', seed);
        const y = vm(b.space, b.pool, 'x', seed);
        const logX = recordWrites(x.disk);
        const logY = recordWrites(y.disk);
        let t = 0;
        for (const step of steps) {
          const summary = x.process.applyWrites(x.disk, t, t + step);
          expect(y.process.applyWritesCounted(y.disk, t, t + step)).toBe(summary.chunkWrites);
          t += step;
        }
        expect(logY).toEqual(logX);
        expect(Array.from(y.disk.read(0, y.disk.chunkCount))).toEqual(Array.from(x.disk.read(0, x.disk.chunkCount)));
      }),
      { numRuns: 10 },
    );
  });

  it("does not change a VM's draws when another VM's change process is added", () => {
    // Idea: each process draws from its own path's stream, so interleaving a
    // second VM changes neither which chunks this VM writes nor in what order;
    // only the labels of fresh content ids shift.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        const alone = world();
        const x1 = vm(alone.space, alone.pool, 'x', seed);
        const log1 = recordWrites(x1.disk);
        for (let h = 0; h < 24; h++) x1.process.applyWrites(x1.disk, h * 3600, (h + 1) * 3600);

        const shared = world();
        const y = vm(shared.space, shared.pool, 'y', seed, { preset: 'database' });
        const x2 = vm(shared.space, shared.pool, 'x', seed);
        const log2 = recordWrites(x2.disk);
        for (let h = 0; h < 24; h++) {
          y.process.applyWrites(y.disk, h * 3600, (h + 1) * 3600);
          x2.process.applyWrites(x2.disk, h * 3600, (h + 1) * 3600);
        }
        expect(log2).toEqual(log1);
      }),
      { numRuns: 10 },
    );
  });

  it('draws the same writes whether a day is applied in one batch or hour by hour', () => {
    const one = world();
    const hourly = world();
    const a = vm(one.space, one.pool, 'v', 7);
    const b = vm(hourly.space, hourly.pool, 'v', 7);
    a.process.applyWrites(a.disk, 0, DAY);
    for (let h = 0; h < 24; h++) b.process.applyWrites(b.disk, h * 3600, (h + 1) * 3600);
    expect(Array.from(a.disk.read(0, a.disk.chunkCount))).toEqual(Array.from(b.disk.read(0, b.disk.chunkCount)));
  });

  it('changes fewer distinct chunks per day than it writes when a hot set exists', () => {
    const { space, pool } = world();
    const { disk, process } = vm(space, pool, 'db', 3, { preset: 'database' });
    const touched = new ChunkBitmap(disk.chunkCount);
    disk.addListener({ onChunkWrite: (chunk) => void touched.add(chunk) });
    const summary = process.applyWrites(disk, 0, DAY);
    expect(touched.count).toBeLessThan(summary.chunkWrites);
    expect(summary.chunkWrites / touched.count).toBeGreaterThan(1.2);
  });

  it('keeps the daily change fraction within 3% of the configured value over many days', () => {
    for (const dailyChangeFraction of [0.015, 0.05, 0.15]) {
      const { space, pool } = world();
      const { disk, process } = vm(space, pool, 'v', 11, { dailyChangeFraction });
      const region = process.frontierChunk;
      let touched = new ChunkBitmap(disk.chunkCount);
      disk.addListener({ onChunkWrite: (chunk) => void touched.add(chunk) });
      let distinct = 0;
      const days = 30;
      for (let d = 0; d < days; d++) {
        touched = new ChunkBitmap(disk.chunkCount);
        process.applyWrites(disk, d * DAY, (d + 1) * DAY);
        distinct += touched.count;
      }
      const measured = distinct / days / region;
      expect(Math.abs(measured - dailyChangeFraction) / dailyChangeFraction).toBeLessThan(0.03);
    }
  });

  it('follows its daily profile and reports the write rate that drives I/O flows', () => {
    const { space, pool } = world();
    const { disk, process } = vm(space, pool, 'v', 5, { profile: 'business-hours', dailyChangeFraction: 0.1 });
    const night = process.writeBytesPerSec(2 * 3600, 3 * 3600);
    const day = process.writeBytesPerSec(10 * 3600, 11 * 3600);
    expect(day / night).toBeCloseTo(1.5 / 0.3, 6);
    const whole = process.writeBytesPerSec(0, DAY) * DAY;
    const summary = process.applyWrites(disk, 0, DAY);
    // One chunk written per chunk write; realised bytes within 5% of expected.
    expect(Math.abs(summary.writtenBytes - whole) / whole).toBeLessThan(0.05);
  });

  it('grows into free space and says when the disk is full', () => {
    const space = new ContentSpace(MIB);
    const disk = new VirtualDisk({ name: 'vm/g/disk/0', provisionedBytes: 1000 * MIB, chunkSizeBytes: MIB });
    disk.writeSequential(0, 900, space.allocate(900));
    const process = new ChangeProcess(disk, space, new RandomStream(1, 'g'), { name: 'vm/g/disk/0/changes', dailyGrowthFraction: 0.05 });
    const first = process.applyWrites(disk, 0, DAY);
    expect(first.growthChunks).toBeGreaterThan(30);
    expect(first.diskFull).toBe(false);
    const second = process.applyWrites(disk, DAY, 4 * DAY);
    expect(second.diskFull).toBe(true);
    expect(disk.sizes().usedChunks).toBe(1000);
  });

  it('rejects a change fraction above 1, negative growth and unknown presets or profiles', () => {
    const { space, pool } = world();
    const bad = (options: Partial<ChangeProcessOptions>) => () => vm(space, pool, 'bad', 1, options);
    expect(bad({ dailyChangeFraction: 1.2 })).toThrow(ConfigError);
    expect(bad({ dailyChangeFraction: 1.2 })).toThrow(/vm\/bad\/disk\/0\/changes: dailyChangeFraction must be a fraction in \[0, 1\), got 1.2/);
    expect(bad({ dailyGrowthFraction: -0.1 })).toThrow(/dailyGrowthFraction must be a fraction/);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    expect(bad({ preset: 'mainframe' as any })).toThrow(/preset must be one of typical, database, sizing-assumption/);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    expect(bad({ profile: 'weekend' as any })).toThrow(/profile must be one of flat/);
    expect(bad({ profile: [1, 2, 3] })).toThrow(/24 finite hourly weights/);
    expect(bad({ hotWriteShare: 1, hotSetFraction: 0.01, dailyChangeFraction: 0.05 })).toThrow(/be < 0.01 when every write goes to the hot set/);
  });
});

describe('the locality model', () => {
  it('finds the write rate whose expected distinct fraction is the target', () => {
    // Idea: the solver inverts the expected-distinct formula for any reachable target.
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.9, noNaN: true }),
        fc.double({ min: 0.001, max: 0.5, noNaN: true }),
        fc.double({ min: 0, max: 0.95, noNaN: true }),
        (f, h, s) => {
          const w = writesPerChunkForChangeFraction(f, h, s);
          expect(expectedDistinctFraction(w, h, s)).toBeCloseTo(f, 9);
          expect(w).toBeGreaterThanOrEqual(f);
        },
      ),
    );
  });
});
