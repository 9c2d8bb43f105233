/**
 * Drives every guest's writes during a run: one process applies each
 * machine's change processes in batches of `changeBatchSec` (DESIGN.md:
 * aggregate write activity into batches between events), in machine order,
 * and charges the extra snapshot I/O (copy-on-write) those writes caused as
 * flows spread over the next batch. Writes land on the disks (content ids),
 * change trackers and snapshots; the I/O load of production is the
 * workload's business (sim/workload), driven from the same daily profiles.
 */
import type { Process } from '../engine/process.js';
import type { World } from './world.js';

export interface GuestActivity {
  readonly process: Process<void>;
  /** Applies writes up to now for every machine (call before reading a consistent image mid-batch). */
  catchUp(): void;
}

/** Starts the driver; without `endSec` it runs as long as the simulation (run with `untilSec`). */
export function startGuestActivity(world: World, endSec = Infinity): GuestActivity {
  const sim = world.sim;
  let lastSec = sim.now;
  const catchUp = (): void => {
    const now = sim.now;
    if (now <= lastSec) return;
    for (const m of world.machines) {
      m.guest.advance(lastSec, now);
      m.platformVm.chargeSnapshotIo(sim, world.changeBatchSec);
    }
    lastSec = now;
  };
  const process = sim.process('world/guest-activity', (function* () {
    while (sim.now < endSec) {
      yield Math.min(world.changeBatchSec, endSec - sim.now);
      catchUp();
    }
  })());
  return { process, catchUp };
}
