/**
 * A tape drive's buffer during a write: speed matching and shoe-shining
 * emerge from it.
 *
 * The mechanism. The feed is a flow (rate f, decided by the fluid model along
 * its whole route) into the drive's buffer of B bytes, through the drive's
 * channel (capacity = native speed Vn). While the tape moves it matches the
 * feed as far as it can: speed v = clamp(f, Vmin, Vn), Vmin being the lowest
 * speed-matching step.
 *   - f >= Vmin: v = f, the buffer level stays put and the drive streams at
 *     the feed rate.
 *   - f < Vmin: the tape cannot go slower than Vmin, the buffer drains at
 *     Vmin - f and runs dry. The drive stops and backhitches (repositions
 *     behind the last block, `repositionSec` = Tr), then waits for a full
 *     buffer before moving again, so that each burst is as long as possible.
 *     While stopped the feed keeps filling the buffer; a full buffer blocks
 *     the feed (its rate cap drops to 0) until the tape moves.
 * Steady state below Vmin, per cycle: a burst of B / (Vmin - f) seconds writes
 * Vmin * B / (Vmin - f) bytes, then the drive stands for max(Tr, B / f):
 *     throughput = f                                  when B >= f * Tr
 *     throughput = Vmin * B / (B + Tr * (Vmin - f))   when B <  f * Tr
 * In the first case backhitches cost drive time and wear, not throughput; in
 * the second the feed stalls during every reposition and throughput collapses
 * below the feed rate: shoe-shining. Nothing here applies that formula; it is
 * what the event-driven buffer below produces.
 *
 * After the last byte arrives the buffer drains at native speed. A full
 * cartridge costs a rewind and the load of a fresh one from the library.
 * Between events everything is linear in time, so the controller computes the
 * next boundary (buffer dry, buffer full, reposition over, cartridge full)
 * exactly, and re-plans whenever the fluid model changes the feed's rate.
 */
import { fail } from '../engine/errors.js';
import type { SimEvent, Signal } from '../engine/events.js';
import type { ProcessBody } from '../engine/process.js';
import type { Simulation } from '../engine/simulation.js';
import type { Flow } from '../flow/network.js';
import type { TapeDrive } from './tape-drive.js';
import type { TapeLibrary } from './tape-library.js';
import type { TapeWriteResult } from './tape-write.js';
import type { UsageListener } from './usage-watch.js';

/** A write re-plans at most this many times at one instant; more means a bug. */
const MAX_STEPS_PER_INSTANT = 64;

type Mode = 'stopped' | 'moving';

/** The drive's buffer and tape motion during one write (see the top of this file). */
export class BufferedWrite implements UsageListener {
  mode: Mode = 'stopped';
  /** While stopped: when the mechanism may move again. */
  readyAtSec: number;
  speedBytesPerSec = 0;
  written = 0;
  paused = false;
  backhitches = 0;
  repositionSec = 0;
  streamingSec = 0;
  stalledSec = 0;
  cartridgesLoaded = 0;
  private lastSec: number;
  private changed: Signal | null = null;
  private readonly tolBytes: number;

  constructor(
    private readonly sim: Simulation,
    private readonly library: TapeLibrary,
    private readonly drive: TapeDrive,
    private readonly feed: Flow,
    private readonly feedCap: number,
  ) {
    this.readyAtSec = sim.now;
    this.lastSec = sim.now;
    // Float slack for "empty" and "full": far below any byte count that matters.
    this.tolBytes = 1e-9 * Math.max(drive.config.bufferBytes, 1);
  }

  usageWillChange(): void {
    if (this.changed !== null && !this.changed.triggered) this.changed.fire(undefined);
  }

  *run(): ProcessBody<'done' | 'out-of-media'> {
    let stepsAtInstant = 0;
    let instant = this.sim.now;
    for (;;) {
      this.advance();
      const outcome = this.transition();
      if (outcome !== null) return outcome;
      const delaySec = this.nextBoundarySec();
      const events: SimEvent<unknown>[] = [(this.changed = this.sim.signal('feed rate change'))];
      if (delaySec !== Infinity) events.push(this.sim.wait(delaySec));
      if (!this.feed.processed) events.push(this.feed);
      yield this.sim.anyOf(events);
      this.changed = null;
      stepsAtInstant = this.sim.now === instant ? stepsAtInstant + 1 : 0;
      instant = this.sim.now;
      if (!(stepsAtInstant < MAX_STEPS_PER_INSTANT)) fail(`${this.drive.path}: tape write re-planned ${stepsAtInstant} times at t=${instant}`);
    }
  }

  /** Moves the tape (and the clocks) forward to now at the speed set at the last step. */
  private advance(): void {
    const dt = this.sim.now - this.lastSec;
    this.lastSec = this.sim.now;
    if (dt <= 0) return;
    if (this.mode === 'moving') {
      const bytes = this.speedBytesPerSec * dt;
      this.written += bytes;
      this.drive.cartridgeUsedBytes += bytes;
      this.streamingSec += dt;
    }
    if (this.paused) this.stalledSec += dt;
  }

  private get feedDone(): boolean {
    return this.feed.triggered;
  }

  private get level(): number {
    return Math.max(0, this.feed.bytesDone - this.written);
  }

  /** Applies what happens at this instant; returns an outcome when the write is over. */
  private transition(): 'done' | 'out-of-media' | null {
    const c = this.drive.config;
    if (this.feedDone && this.level <= this.tolBytes) {
      this.written = this.feed.bytesDone;
      return 'done';
    }
    if (this.mode === 'moving' && this.drive.cartridgeUsedBytes >= c.cartridgeBytes - this.tolBytes) {
      this.drive.cartridgeUsedBytes = c.cartridgeBytes;
      this.drive.cartridgesFilled++;
      if (!this.library.takeCartridge()) return 'out-of-media';
      this.stop(c.rewindSec + c.loadSec);
      this.drive.cartridgeUsedBytes = 0;
      this.cartridgesLoaded++;
    } else if (this.mode === 'moving' && this.level <= this.tolBytes) {
      this.written = this.feed.bytesDone; // the buffer is empty: snap away float drift
      this.stop(c.repositionSec);
      this.backhitches++;
      this.repositionSec += c.repositionSec;
    }
    if (this.mode === 'stopped') {
      const full = this.level >= c.bufferBytes - this.tolBytes;
      if (this.sim.now >= this.readyAtSec && (full || this.feedDone)) this.mode = 'moving';
    }
    this.setPaused(this.mode === 'stopped' && !this.feedDone && this.level >= c.bufferBytes - this.tolBytes);
    return null;
  }

  private stop(forSec: number): void {
    this.mode = 'stopped';
    this.readyAtSec = this.sim.now + forSec;
  }

  /** A full buffer blocks the feed; moving tape unblocks it. */
  private setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    this.feed.setRateCap(paused ? 0 : this.feedCap);
  }

  /** Sets the tape speed for the coming interval and returns when the next boundary falls, seconds from now. */
  private nextBoundarySec(): number {
    const c = this.drive.config;
    const f = this.feedDone ? 0 : this.feed.rateBytesPerSec;
    const level = this.level;
    if (this.mode === 'moving') {
      // Speed matching; with the feed over, the buffer is the source and streams at native speed.
      const v = this.feedDone ? c.nativeBytesPerSec : Math.min(c.nativeBytesPerSec, Math.max(c.minStreamBytesPerSec, f));
      this.speedBytesPerSec = v;
      const dry = v > f ? level / (v - f) : Infinity;
      const cartridgeFull = (c.cartridgeBytes - this.drive.cartridgeUsedBytes) / v;
      return Math.min(dry, cartridgeFull);
    }
    this.speedBytesPerSec = 0;
    const ready = this.readyAtSec > this.sim.now ? this.readyAtSec - this.sim.now : Infinity;
    const fill = !this.paused && f > 0 ? Math.max(0, c.bufferBytes - level) / f : Infinity;
    return Math.min(ready, fill);
  }

  result(state: 'done' | 'out-of-media', startSec: number): TapeWriteResult {
    this.drive.bytesWritten += this.written;
    this.drive.backhitches += this.backhitches;
    return {
      state,
      bytesWritten: this.written,
      startSec,
      endSec: this.sim.now,
      backhitches: this.backhitches,
      repositionSec: this.repositionSec,
      streamingSec: this.streamingSec,
      stalledSec: this.stalledSec,
      cartridgesLoaded: this.cartridgesLoaded,
    };
  }
}
