/**
 * Starts the production workload of every machine of an estate that has one
 * (VMs, then physical servers, in spec order), and the one demand clock that
 * moves them at hour boundaries. Each workload draws from its own random
 * stream (`vm/web-017/workload`), so adding a machine never changes another's
 * demand.
 */
import type { Simulation } from '../engine/simulation.js';
import type { Estate } from '../estate/index.js';
import { startDemandClock } from './demand-clock.js';
import { Workload } from './workload.js';

export function startWorkloads(sim: Simulation, estate: Estate): Workload[] {
  const out: Workload[] = [];
  for (const machine of estate.machines()) {
    if (machine.workload !== null) out.push(new Workload(sim, machine, machine.workload));
  }
  startDemandClock(sim, out);
  return out;
}
