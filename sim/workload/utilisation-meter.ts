/**
 * Time-mean and peak utilisation of one resource, integrated exactly between
 * the changes its probe reports (usage-watch.ts).
 */
import type { Simulation } from '../engine/simulation.js';
import type { Resource } from '../flow/network.js';
import { probeOf, watchUsage, type UsageListener, type UsageProbe } from '../estate/usage-watch.js';

export class UtilisationMeter implements UsageListener {
  private readonly probe: UsageProbe;
  private readonly startSec: number;
  private lastSec: number;
  private integralSec = 0;
  /** Highest utilisation held for a positive time. */
  peak = 0;

  constructor(sim: Simulation, resource: Resource) {
    this.probe = probeOf(resource);
    this.startSec = sim.now;
    this.lastSec = sim.now;
    watchUsage([resource], this);
  }

  usageWillChange(tSec: number): void {
    this.advanceTo(tSec);
  }

  advanceTo(tSec: number): void {
    const dt = tSec - this.lastSec;
    if (!(dt > 0)) return;
    const rho = this.probe.utilisation;
    this.integralSec += rho * dt;
    if (rho > this.peak) this.peak = rho;
    this.lastSec = tSec;
  }

  /** Time-mean utilisation since the meter started (0 before any time passed). */
  get mean(): number {
    const span = this.lastSec - this.startSec;
    return span > 0 ? this.integralSec / span : 0;
  }
}
