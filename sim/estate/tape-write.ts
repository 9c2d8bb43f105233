/**
 * Streaming data to a tape drive: the process helper later backup strategies
 * use. The feed is a flow through the caller's route and the drive's channel;
 * the drive's buffer and tape motion (speed matching down to the lowest step,
 * backhitches when the buffer runs dry, a full buffer blocking the feed, and
 * cartridge changes) are modelled in tape-buffer.ts, whose header states the
 * mechanism and the steady-state throughput it produces (shoe-shining).
 */
import type { ProcessBody } from '../engine/process.js';
import type { Simulation } from '../engine/simulation.js';
import type { Hop } from '../flow/network.js';
import { joinHops } from './hops.js';
import type { TapeDrive } from './tape-drive.js';
import type { TapeLibrary } from './tape-library.js';
import { BufferedWrite } from './tape-buffer.js';
import { watchUsage } from './usage-watch.js';

export interface TapeWriteOptions {
  /** Shown in traces; default `<drive path>/write`. */
  name?: string;
  sizeBytes: number;
  /** The feed's route up to the library (source, proxy, network); the drive's channel is added. */
  route: readonly Hop[];
  /** Share weight of the feed. Default 1. */
  weight?: number;
  /** The source's own rate limit, bytes/s. Default none. */
  rateCapBytesPerSec?: number;
}

export interface TapeWriteResult {
  /** 'out-of-media' when a cartridge filled and the library had no fresh one. */
  state: 'done' | 'out-of-media';
  bytesWritten: number;
  startSec: number;
  endSec: number;
  /** Stop-reposition cycles because the buffer ran dry (shoe-shining). */
  backhitches: number;
  /** Time spent repositioning, seconds. */
  repositionSec: number;
  /** Time the tape was moving, seconds. */
  streamingSec: number;
  /** Time the feed was blocked by a full buffer, seconds. */
  stalledSec: number;
  /** Cartridges loaded during this write (including a first load). */
  cartridgesLoaded: number;
}

/**
 * Writes `sizeBytes` to a drive the caller holds: `const r = yield*
 * writeToTape(sim, library, drive, { sizeBytes, route })`. Loads a cartridge
 * first if none is loaded.
 */
export function* writeToTape(sim: Simulation, library: TapeLibrary, drive: TapeDrive, options: TapeWriteOptions): ProcessBody<TapeWriteResult> {
  const startSec = sim.now;
  let loads = 0;
  if (!drive.loaded) {
    if (!library.takeCartridge()) return emptyResult('out-of-media', startSec, sim.now);
    yield* drive.load(sim);
    loads++;
  }
  const feed = sim.transfer({
    name: options.name ?? `${drive.path}/write`,
    sizeBytes: options.sizeBytes,
    route: joinHops(options.route, [{ resource: drive.channel }]),
    weight: options.weight,
    rateCapBytesPerSec: options.rateCapBytesPerSec,
  });
  const write = new BufferedWrite(sim, library, drive, feed, options.rateCapBytesPerSec ?? Infinity);
  write.cartridgesLoaded = loads;
  const unwatch = watchUsage(options.route.map((h) => h.resource).concat(drive.channel), write);
  try {
    const state = yield* write.run();
    return write.result(state, startSec);
  } finally {
    unwatch();
    feed.abort('tape write ended');
  }
}

function emptyResult(state: 'done' | 'out-of-media', startSec: number, endSec: number): TapeWriteResult {
  return { state, bytesWritten: 0, startSec, endSec, backhitches: 0, repositionSec: 0, streamingSec: 0, stalledSec: 0, cartridgesLoaded: 0 };
}
