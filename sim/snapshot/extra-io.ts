/**
 * The I/O a snapshot adds on top of the guest's own, kept as a ledger and
 * charged as flows on the storage route (DESIGN.md, decision 9).
 *
 * Guest writes arrive in batches between events (sim/disk/change-process.ts),
 * so a copy-on-write snapshot learns about its copy-aside work inside a batch,
 * where no flow can be started. The ledger accrues that work; whoever drives
 * the guest's writes calls `charge` after a batch, spreading the bytes over
 * the batch's duration so they compete with everything else on the datastore
 * at the pace the guest caused them. Whatever is still pending when the
 * snapshot goes away is charged then, so no work is ever dropped.
 */
import { assert } from '../engine/errors.js';
import type { Simulation } from '../engine/simulation.js';
import type { Flow } from '../flow/network.js';
import type { StorageIo } from './storage-io.js';

export class ExtraIoLedger {
  /** Extra I/O operations accrued over the snapshot's life. */
  ioCount = 0;
  /** Extra bytes of I/O accrued over the snapshot's life. */
  bytes = 0;
  /** Of those, bytes already handed to flows. */
  chargedBytes = 0;

  add(ioCount: number, bytes: number): void {
    this.ioCount += ioCount;
    this.bytes += bytes;
  }

  /** Records work that already ran as flows of its own (a consolidation's merges). */
  addCharged(ioCount: number, bytes: number): void {
    this.add(ioCount, bytes);
    this.chargedBytes += bytes;
  }

  /** Bytes accrued but not yet charged. */
  get pendingBytes(): number {
    return this.bytes - this.chargedBytes;
  }

  /**
   * Starts one flow carrying the pending bytes over `io`, rate-capped to
   * finish in `spreadOverSec` when nothing else slows it (0: as fast as the
   * route allows). Returns null when nothing is pending.
   */
  charge(sim: Simulation, io: StorageIo, name: string, spreadOverSec = 0): Flow | null {
    assert(spreadOverSec >= 0, 'spreadOverSec must be >= 0');
    const bytes = this.pendingBytes;
    if (bytes <= 0) return null;
    this.chargedBytes = this.bytes;
    return sim.transfer({
      name,
      sizeBytes: bytes,
      route: io.hops,
      ...(spreadOverSec > 0 ? { rateCapBytesPerSec: bytes / spreadOverSec } : {}),
    });
  }
}
