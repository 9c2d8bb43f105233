/**
 * A tape library: a media server NIC, identical drives and a stock of
 * cartridges. A job takes a drive with `yield* library.acquireDrive()`, streams
 * to it with `writeToTape` (which models speed matching and shoe-shining), and
 * gives it back with `releaseDrive`.
 */
import { fail } from '../engine/errors.js';
import type { ProcessBody } from '../engine/process.js';
import type { SlotPool, SlotRequest } from '../engine/slots.js';
import type { Simulation } from '../engine/simulation.js';
import type { Hop } from '../flow/network.js';
import type { Network, NetworkAttachment } from './network.js';
import type { ResolvedTapeLibrary } from './resolve-backup.js';
import { TapeDrive } from './tape-drive.js';
import type { BackupTarget } from './targets.js';

export class TapeLibrary implements BackupTarget {
  readonly kind = 'tape-library' as const;
  readonly path: string;
  readonly name: string;
  readonly attachment: NetworkAttachment;
  readonly drives: readonly TapeDrive[];
  /** One slot per drive: jobs queue here, first come first served. */
  readonly drivePool: SlotPool;
  /** Cartridges still in stock (each is loaded once, then filled). */
  cartridgesLeft: number;
  private readonly held = new Map<TapeDrive, SlotRequest>();

  constructor(sim: Simulation, config: ResolvedTapeLibrary, network: Network) {
    this.name = config.name;
    this.path = `target/${config.name}`;
    const nic = sim.resource({ name: `${this.path}/nic`, capacity: config.nicBytesPerSec, unit: 'B/s' });
    this.attachment = { box: this.path, nic, network };
    this.drives = Array.from({ length: config.drives }, (_, i) => new TapeDrive(sim, `${this.path}/drive/${i}`, config.drive));
    this.drivePool = sim.slots(`${this.path}/drives`, config.drives);
    this.cartridgesLeft = config.cartridges;
  }

  /** Native capacity of the cartridges in stock plus what is left on loaded ones, bytes. */
  get capacityBytes(): number {
    const perCartridge = this.drives[0]!.config.cartridgeBytes;
    const onLoaded = this.drives.reduce((sum, d) => sum + (d.loaded ? perCartridge - d.cartridgeUsedBytes : 0), 0);
    return this.cartridgesLeft * perCartridge + onLoaded;
  }

  /** Data reaches a drive only through `writeToTape`, which adds the drive's channel. */
  ingestHops(): Hop[] {
    return [];
  }

  readHops(): Hop[] {
    return [];
  }

  /** Waits for a free drive and returns it (the lowest-numbered free one). */
  *acquireDrive(): ProcessBody<TapeDrive> {
    const request = this.drivePool.acquire();
    yield request;
    const drive = this.drives.find((d) => !this.held.has(d));
    if (!(drive !== undefined)) fail(`${this.path}: a drive slot was granted but every drive is held`);
    this.held.set(drive, request);
    return drive;
  }

  releaseDrive(drive: TapeDrive): void {
    const request = this.held.get(drive);
    if (!(request !== undefined)) fail(`${drive.path} released but not held`);
    this.held.delete(drive);
    this.drivePool.release(request);
  }

  /** Takes a fresh cartridge from stock; false when none are left. */
  takeCartridge(): boolean {
    if (this.cartridgesLeft <= 0) return false;
    this.cartridgesLeft--;
    return true;
  }
}
