/**
 * One tape drive: its figures, the resource data reaches it through, and the
 * state that outlives a single write (the loaded cartridge and how full it is,
 * lifetime counters). Mechanical operations are generator helpers a process
 * runs with `yield*`; streaming data is `writeToTape` (tape-write.ts).
 */
import type { ProcessBody } from '../engine/process.js';
import type { Simulation } from '../engine/simulation.js';
import type { Resource } from '../flow/network.js';
import type { TapeDriveConfig } from './resolve-backup.js';

export class TapeDrive {
  readonly path: string;
  readonly config: TapeDriveConfig;
  /**
   * The drive's data channel, bytes/s, capacity = native speed: a drive takes
   * data no faster than it can stream it to tape, so a fast feed is held to
   * native speed by the fluid model itself.
   */
  readonly channel: Resource;
  loaded = false;
  /** Bytes written to the loaded cartridge. */
  cartridgeUsedBytes = 0;
  /** Lifetime counters. */
  bytesWritten = 0;
  backhitches = 0;
  cartridgesFilled = 0;

  constructor(sim: Simulation, path: string, config: TapeDriveConfig) {
    this.path = path;
    this.config = config;
    this.channel = sim.resource({ name: `${path}/channel`, capacity: config.nativeBytesPerSec, unit: 'B/s' });
  }

  /** Loads a fresh cartridge (12-16 s, DOMAIN.md); nothing to do if one is loaded. */
  *load(sim: Simulation): ProcessBody<void> {
    if (this.loaded) return;
    yield sim.wait(this.config.loadSec);
    this.loaded = true;
    this.cartridgeUsedBytes = 0;
  }

  /** Positions the tape at a block (about 60 s on average, DOMAIN.md). */
  *locate(sim: Simulation): ProcessBody<void> {
    yield sim.wait(this.config.locateSec);
  }

  /** Rewinds and unloads the cartridge (about 60 s, DOMAIN.md). */
  *unload(sim: Simulation): ProcessBody<void> {
    if (!this.loaded) return;
    yield sim.wait(this.config.rewindSec);
    this.loaded = false;
  }
}
