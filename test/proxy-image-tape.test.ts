import { describe, expect, it } from 'vitest';
import type { WorldSpec } from '../sim/world/world-spec.js';
import { proxyImageDesign } from '../strategies/index.js';
import type { JobRecord } from '../strategies/recorder.js';
import { runDesign } from '../strategies/run.js';
import { chainOf } from '../strategies/restore/tape-catalog.js';
import { runWithRestores } from './support/restore-harness.js';
import { DAY, GIB, HOUR, MB, restoreWorld, type RestoreVm } from './support/restore-worlds.js';

/** Two VMs of one OS template, with some application data that changes every day. */
const TWINS: RestoreVm[] = [
  { name: 'a', diskBytes: [4 * GIB, 2 * GIB], guest: { appDataBytes: [0, 1 * GIB] } },
  { name: 'b', diskBytes: [4 * GIB, 2 * GIB], guest: { appDataBytes: [0, 1 * GIB] } },
];

const toTape = (options: Parameters<typeof proxyImageDesign>[1] = {}) => proxyImageDesign('to-tape', { target: 'lto', ...options });

/** The restore world with the production datastore at a given speed (the proxy can feed no faster). */
function world(datastoreBytesPerSec: number, tape: Parameters<typeof restoreWorld>[0]['tape'] = { generation: 'LTO-5' }): WorldSpec {
  const spec = restoreWorld({ vms: TWINS, tape });
  const [ds] = spec.estate.datastores!;
  return { ...spec, estate: { ...spec.estate, datastores: [{ ...ds!, bandwidthBytesPerSec: datastoreBytesPerSec }] } };
}

const backhitchesOf = (j: JobRecord): number => Number(/(\d+) backhitch/.exec(j.notes.join(' '))?.[1] ?? NaN);
const fulls = (jobs: readonly JobRecord[]) => jobs.filter((j) => j.kind === 'full');
/** Bytes written per second of the night's backup window. */
const windowRate = (r: ReturnType<typeof runDesign>): number => r.result.bytes.stored / r.result.window.durationSec.mean;
/** The estate with the tape library's cartridge stock set. */
function withCartridges(spec: WorldSpec, cartridges: number): WorldSpec {
  const targets = spec.estate.targets!.map((t) => (t.kind === 'tape-library' ? { ...t, cartridges } : t));
  return { ...spec, estate: { ...spec.estate, targets } };
}

describe('proxy image backup straight to tape', () => {
  it('streams every VM image to a drive, never deduplicated, and says a dedupe it was asked for cannot happen', () => {
    const onTape = runDesign(world(2e9), toTape({ dedupe: 'source' }), { seed: 1, days: 1 });
    const onDisk = runDesign(world(2e9), proxyImageDesign('to-disk', { dedupe: 'source' }), { seed: 1, days: 1 });
    expect(onTape.plan.pointsOn).toBe('tape');
    expect(onTape.result.unprotected).toEqual([]);
    const jobs = fulls(onTape.recorder.jobs);
    expect(jobs.map((j) => [j.machine, j.outcome.state])).toEqual([
      ['vm/a', 'done'],
      ['vm/b', 'done'],
    ]);
    for (const j of jobs) {
      expect(j.bytesStored).toBeCloseTo(j.bytesRead, 0); // every chunk read is written
      expect(j.bytesStored).toBeCloseTo(j.bytesLogical, 0);
      expect(j.restorePointId).toMatch(/^lto#tape\/\d$/);
      expect(j.notes).toContain("dedupe 'source' asked, but a tape holds no dedupe index: every chunk read is written");
    }
    // The twins share their OS chunks: a deduplicating disk repository stores them once, tape twice.
    expect(onTape.result.bytes.stored).toBeGreaterThan(1.5 * onDisk.result.bytes.stored);
    expect(onTape.result.recoveryPoints.total).toBe(2);
  });

  it('pays the cartridge load before the first write, changes cartridges when one is full, and fails when none is left', () => {
    const small = runDesign(world(2e9, { generation: 'LTO-5', drive: { cartridgeBytes: 2 * GIB } }), toTape(), { seed: 1, days: 1 });
    const [a, b] = fulls(small.recorder.jobs);
    expect(a!.bytesStored).toBeGreaterThan(2 * GIB);
    expect(a!.notes.join(' ')).toMatch(/[3-9] cartridge\(s\) loaded/); // the first load, then one per full cartridge
    expect(b!.outcome.state).toBe('done');
    const starved = runDesign(withCartridges(world(2e9, { generation: 'LTO-5', drive: { cartridgeBytes: 3 * GIB } }), 2), toTape(), { seed: 1, days: 1 });
    const [first, second] = fulls(starved.recorder.jobs);
    expect(first!.outcome.state).toBe('done');
    expect(second!.outcome).toEqual({ state: 'failed', reason: expect.stringMatching(/^target\/lto ran out of cartridges after \d+ B of vm\/b$/) });
    expect(second!.restorePointId).toBeNull();
    expect(starved.result.recoveryPoints.total).toBe(1);
  });

  it('streams when the proxy feeds the drive fast, and shoe-shines when it feeds below the lowest speed step (tape vs disk)', () => {
    // LTO-5: 140 MB/s native, no slower than 47 MB/s. A small drive buffer (32 MiB)
    // makes each backhitch cost throughput, not only wear.
    const tape = { generation: 'LTO-5' as const, drive: { bufferBytes: 32 * 1024 * 1024 } };
    const fast = runDesign(world(2e9, tape), toTape(), { seed: 1, days: 1 });
    const slow = runDesign(world(30 * MB, tape), toTape(), { seed: 1, days: 1 });
    const slowDisk = runDesign(world(30 * MB, tape), proxyImageDesign('to-disk', { dedupe: 'none', chainMode: 'forward' }), { seed: 1, days: 1 });
    for (const j of fulls(fast.recorder.jobs)) expect(backhitchesOf(j)).toBe(0);
    for (const j of fulls(slow.recorder.jobs)) expect(backhitchesOf(j)).toBeGreaterThan(10);
    // Fast: near native speed once the snapshot and the cartridge load are paid.
    expect(windowRate(fast)).toBeGreaterThan(70 * MB);
    // Fed at 30 MB/s, the tape cannot go below 47 MB/s: it runs dry, stops, backhitches and waits for a full buffer.
    expect(windowRate(slow)).toBeLessThan(25 * MB);
    // The same reads to a disk target go at the datastore's pace: the tape night is far longer.
    expect(slowDisk.result.bytes.read / slowDisk.result.window.durationSec.mean).toBeGreaterThan(27 * MB);
    expect(slow.result.window.durationSec.mean).toBeGreaterThan(1.3 * slowDisk.result.window.durationSec.mean);
  });

  it('writes incrementals as chains on tape, reading only changed chunks, and restores the latest point exactly, from tape', () => {
    const at = 3 * DAY + 6 * HOUR;
    const run = runWithRestores(world(2e9), toTape(), { endSec: 4 * DAY, drills: [{ kind: 'vm', machine: 'a', atSec: at }, { kind: 'file', machine: 'a', atSec: at, file: 'x' }] });
    const jobs = run.recorder.jobs.filter((j) => j.machine === 'vm/a');
    expect(jobs.map((j) => j.kind)).toEqual(['full', 'incremental', 'incremental', 'incremental']);
    const [full, ...incs] = jobs;
    for (const inc of incs) {
      expect(inc.outcome.state).toBe('done');
      expect(inc.bytesStored).toBeCloseTo(inc.bytesRead, 0);
      expect(inc.bytesRead).toBeLessThan(full!.bytesRead / 5);
    }
    const byKind = (kind: string) => run.drills.reports.find((r) => r.record.kind === kind)!;
    const [vm, file] = [byKind('vm'), byKind('file')];
    expect(vm!.record.outcome).toEqual({ state: 'done', verified: true });
    expect(vm!.source).toBe('lto');
    expect(vm!.content!.againstWitness).toBe(true);
    const entry = run.tape.catalog.find('vm/a', at)!;
    // The drill runs before the fourth night: the newest point is the second incremental.
    expect(chainOf(entry)).toHaveLength(3);
    expect(vm!.record.pointSec).toBe(jobs[2]!.pointSec);
    // Read from tape: the whole image and every increment, each costing a locate.
    const tapeBytes = chainOf(entry).reduce((s, e) => s + e.tapeBytes, 0);
    expect(vm!.record.bytesRead).toBeCloseTo(tapeBytes, 0);
    const floorSec = 14 + 60 * 3 + 60 + tapeBytes / (140 * MB);
    expect(vm!.record.completeSec - vm!.record.requestedSec).toBeGreaterThan(floorSec);
    expect(vm!.record.notes).toContain('tape chain: read the whole image and 2 incremental(s), each after a locate');
    // A file cannot be read off a tape: said before the run, recorded at the drill's time.
    expect(file!.record.outcome).toEqual({ state: 'unsupported', reason: expect.stringMatching(/keeps its points on tape only/) });
  });
});
