/**
 * One process that moves every workload's demand at hour boundaries.
 *
 * A clock per workload would wake thousands of processes at each boundary and
 * make the network re-solve after each of them; one clock wakes once, updates
 * every workload whose demand may change (in the order given), and the network
 * re-solves once for the instant. Each workload draws its jitter from its own
 * stream, so the order of updates changes no draw.
 */
import type { Process, ProcessBody } from '../engine/process.js';
import type { Simulation } from '../engine/simulation.js';
import { SECONDS_PER_HOUR } from '../disk/units.js';
import { hourIndexAt } from './hourly-profile.js';
import type { Workload } from './workload.js';

export function startDemandClock(sim: Simulation, workloads: readonly Workload[]): Process<void> {
  return sim.process('workload/demand-clock', tick(sim, workloads));
}

function* tick(sim: Simulation, workloads: readonly Workload[]): ProcessBody<void> {
  let hour = hourIndexAt(sim.now);
  for (;;) {
    const next = nextChange(workloads, hour);
    if (next === null) return;
    // Wait to the boundary computed from the hour index, so no drift accumulates.
    yield sim.wait(Math.max(0, next * SECONDS_PER_HOUR - sim.now));
    for (const w of workloads) if (w.nextChangeHour(hour) === next) w.enterHour(next);
    hour = next;
  }
}

function nextChange(workloads: readonly Workload[], hour: number): number | null {
  let next: number | null = null;
  for (const w of workloads) {
    const h = w.nextChangeHour(hour);
    if (h !== null && (next === null || h < next)) next = h;
  }
  return next;
}
