import { describe, expect, it } from 'vitest';
import { writeToTape, type EstateSpec, type TapeDriveOverrides, type TapeWriteResult } from '../sim/estate/index.js';
import { build, GB, MB } from './support/estate-fixtures.js';

// LTO-7 (DOMAIN.md): native 300 MB/s, lowest speed-matching step 101 MB/s.
const NATIVE = 300 * MB;
const MIN_STREAM = 101 * MB;
const LOAD_SEC = 14;
const REPOSITION_SEC = 3;

function tapeEstate(drive: TapeDriveOverrides, cartridges = 10): EstateSpec {
  return {
    hosts: [{ name: 'esx-01', nicBytesPerSec: 150 * MB }],
    datastores: [{ name: 'local-01', kind: 'local', hosts: ['esx-01'] }],
    targets: [{ name: 'lib', kind: 'tape-library', generation: 'LTO-7', drives: 1, cartridges, drive: { loadSec: LOAD_SEC, repositionSec: REPOSITION_SEC, ...drive } }],
  };
}

/** Builds the estate and runs one write to its drive from a source limited to `feedBytesPerSec`. */
function writeOnce(spec: EstateSpec, sizeBytes: number, feedBytesPerSec: number): TapeWriteResult {
  const { sim, estate } = build(spec);
  const library = estate.tapeLibrary('lib');
  let result: TapeWriteResult | null = null;
  sim.process('tape-job', (function* () {
    const drive = yield* library.acquireDrive();
    result = yield* writeToTape(sim, library, drive, { sizeBytes, route: [], rateCapBytesPerSec: feedBytesPerSec });
    library.releaseDrive(drive);
  })());
  sim.run();
  expect(result).not.toBeNull();
  return result!;
}

describe('a tape drive', () => {
  it('fed above its minimum streaming speed streams at the feed rate, without a backhitch', () => {
    // Load, fill the 64 MB buffer at 200 MB/s, then move at the matched 200 MB/s
    // until the last byte arrives, then drain the buffer at native speed:
    // 14 + S / 200 MB/s + 64 MB / 300 MB/s.
    const buffer = 64 * MB;
    const size = 10 * GB;
    const r = writeOnce(tapeEstate({ bufferBytes: buffer }), size, 200 * MB);
    expect(r.state).toBe('done');
    expect(r.bytesWritten).toBe(size);
    expect(r.backhitches).toBe(0);
    expect(r.stalledSec).toBe(0);
    expect(r.endSec - r.startSec).toBeCloseTo(LOAD_SEC + size / (200 * MB) + buffer / NATIVE, 9);
  });

  it('fed below its minimum speed backhitches and takes longer than the bytes at the feed rate (shoe-shining)', () => {
    // 50 MB/s < 101 MB/s. The buffer (64 MB) is smaller than what the feed
    // sends during one 3 s reposition (150 MB), so the feed stalls every cycle
    // and the steady-state throughput is Vmin * B / (B + Tr * (Vmin - f)).
    const buffer = 64 * MB;
    const feed = 50 * MB;
    const size = 20 * GB;
    const r = writeOnce(tapeEstate({ bufferBytes: buffer }), size, feed);
    const elapsed = r.endSec - r.startSec - LOAD_SEC;
    expect(r.state).toBe('done');
    expect(r.bytesWritten).toBeCloseTo(size, 3);
    expect(r.backhitches).toBeGreaterThan(100);
    expect(r.stalledSec).toBeGreaterThan(0);
    expect(elapsed).toBeGreaterThan(size / MIN_STREAM);
    expect(elapsed).toBeGreaterThan(size / feed);
    const steady = (MIN_STREAM * buffer) / (buffer + REPOSITION_SEC * (MIN_STREAM - feed));
    expect(size / elapsed / steady).toBeCloseTo(1, 2);
    // One backhitch per buffer cycle: each cycle writes Vmin * B / (Vmin - f) bytes.
    const perCycle = (MIN_STREAM * buffer) / (MIN_STREAM - feed);
    expect(Math.abs(r.backhitches - size / perCycle)).toBeLessThanOrEqual(2);
  });

  it('fed below its minimum speed with a buffer that outlasts a reposition keeps the feed rate but still backhitches', () => {
    // B = 512 MB >= f * Tr = 150 MB: repositions hide behind the buffer; they cost wear, not throughput.
    const feed = 50 * MB;
    const size = 20 * GB;
    const r = writeOnce(tapeEstate({ bufferBytes: 512 * MB }), size, feed);
    const elapsed = r.endSec - r.startSec - LOAD_SEC;
    expect(r.backhitches).toBeGreaterThan(10);
    expect(r.stalledSec).toBe(0);
    // The feed never waits: the last byte arrives at S / f, then the tail drains.
    expect(elapsed).toBeGreaterThanOrEqual(size / feed - 1e-6);
    expect(elapsed).toBeLessThan(size / feed + (512 * MB) / MIN_STREAM + REPOSITION_SEC + 1e-6);
  });

  it('starts to shoe-shine when contention slows its feed below the minimum speed mid-write', () => {
    // The feed crosses a 150 MB/s host NIC; at t=60 a competing copy takes half
    // of it, the drive's share falls to 75 MB/s (< 101) and backhitches begin.
    const { sim, estate } = build(tapeEstate({ bufferBytes: 64 * MB }));
    const nic = estate.host('esx-01').nic;
    const library = estate.tapeLibrary('lib');
    let result: TapeWriteResult | null = null;
    let backhitchesBefore = -1;
    sim.process('tape-job', (function* () {
      const drive = yield* library.acquireDrive();
      result = yield* writeToTape(sim, library, drive, { sizeBytes: 20 * GB, route: [{ resource: nic }] });
    })());
    sim.process('competitor', (function* () {
      yield sim.wait(60);
      backhitchesBefore = library.drives[0]!.backhitches;
      yield sim.transfer({ name: 'copy', sizeBytes: Infinity, route: [{ resource: nic }], rateCapBytesPerSec: Infinity });
    })());
    sim.run({ untilSec: 3_600 });
    const r = result as TapeWriteResult | null;
    expect(backhitchesBefore).toBe(0);
    expect(r).not.toBeNull();
    expect(r!.bytesWritten).toBeCloseTo(20 * GB, 3);
    expect(r!.backhitches).toBeGreaterThan(0);
  });

  it('changes cartridges when one fills, and reports running out of media as an outcome', () => {
    // 4 GB cartridges, 10 GB at 200 MB/s: two exchanges of rewind + load (74 s)
    // during which the full buffer holds the feed back.
    const buffer = 64 * MB;
    const r = writeOnce(tapeEstate({ bufferBytes: buffer, cartridgeBytes: 4 * GB, rewindSec: 60 }), 10 * GB, 200 * MB);
    expect(r.state).toBe('done');
    expect(r.cartridgesLoaded).toBe(3);
    expect(r.endSec - r.startSec).toBeCloseTo(LOAD_SEC + (10 * GB) / (200 * MB) + 2 * (60 + LOAD_SEC) + buffer / NATIVE, 6);

    const r2 = writeOnce(tapeEstate({ bufferBytes: buffer, cartridgeBytes: 4 * GB }, 2), 10 * GB, 200 * MB);
    expect(r2.state).toBe('out-of-media');
    expect(r2.bytesWritten).toBeCloseTo(8 * GB, 3);
  });
});
