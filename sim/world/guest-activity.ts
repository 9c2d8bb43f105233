/**
 * Drives every guest's writes during a run: one process applies each
 * machine's change processes in batches of `changeBatchSec` (DESIGN.md:
 * aggregate write activity into batches between events), in machine order,
 * and charges the extra snapshot I/O (copy-on-write) those writes caused as
 * flows spread over the next batch. Writes land on the disks (content ids),
 * change trackers and snapshots; the I/O load of production is the
 * workload's business (sim/workload), driven from the same daily profiles.
 */
import type { Process, ProcessBody } from '../engine/process.js';
import type { World } from './world.js';

export interface GuestActivity {
  readonly process: Process<void>;
  /** Applies writes up to now for every machine (call before reading a consistent image mid-batch). */
  catchUp(): void;
}

/** Starts the driver; without `endSec` it runs as long as the simulation (run with `untilSec`). */
export function startGuestActivity(world: World, endSec = Infinity): GuestActivity {
  return new GuestActivityDriver(world, endSec);
}

/**
 * A class rather than closures made per run: V8 drops a closure's optimized
 * code when the closure dies, so closures made per run would be optimized
 * again in every run.
 */
class GuestActivityDriver implements GuestActivity {
  readonly process: Process<void>;
  private lastSec: number;

  constructor(
    private readonly world: World,
    private readonly endSec: number,
  ) {
    this.lastSec = world.sim.now;
    this.process = world.sim.process('world/guest-activity', this.run());
  }

  catchUp(): void {
    const now = this.world.sim.now;
    if (now <= this.lastSec) return;
    for (const m of this.world.machines) {
      m.guest.advance(this.lastSec, now);
      m.platformVm.chargeSnapshotIo(this.world.sim, this.world.changeBatchSec);
    }
    this.lastSec = now;
  }

  private *run(): ProcessBody<void> {
    const sim = this.world.sim;
    while (sim.now < this.endSec) {
      yield Math.min(this.world.changeBatchSec, this.endSec - sim.now);
      this.catchUp();
    }
  }
}
