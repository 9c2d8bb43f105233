/**
 * The write splitter of continuous CDP: every chunk write any disk of the
 * machine takes is copied into the journal at the instant the disk takes it,
 * in write order (a DiskWriteListener per disk). The stream process sleeps
 * until there is something to ship; the first write after that wakes it.
 */
import type { Signal, SimEvent } from '../../sim/engine/events.js';
import type { Simulation } from '../../sim/engine/simulation.js';
import type { DiskWriteListener, VirtualDisk } from '../../sim/disk/virtual-disk.js';
import type { CdpJournal } from './journal.js';

export class WriteSplitter {
  private waiting: Signal | null = null;
  private readonly listeners: { disk: VirtualDisk; listener: DiskWriteListener }[];

  constructor(private readonly sim: Simulation, private readonly journal: CdpJournal, disks: readonly VirtualDisk[]) {
    this.listeners = disks.map((disk, d) => {
      const listener: DiskWriteListener = {
        onChunkWrite: (chunk, _oldId, newId) => {
          journal.append(sim.now, d, chunk, newId);
          this.wake();
        },
      };
      disk.addListener(listener);
      return { disk, listener };
    });
  }

  /** An event that happens when the journal holds something unshipped (at once if it already does). */
  nextWrite(): SimEvent<unknown> {
    if (this.journal.unshippedEntries > 0) return this.sim.wait(0);
    this.waiting ??= this.sim.signal('cdp/next-write');
    return this.waiting;
  }

  /** Stops capturing. */
  close(): void {
    for (const { disk, listener } of this.listeners) disk.removeListener(listener);
  }

  private wake(): void {
    const w = this.waiting;
    if (w === null) return;
    this.waiting = null;
    w.fire(undefined);
  }
}
