/**
 * The runner: one design on one world, or several designs each on a fresh
 * copy of the same world (a new Simulation with the same seed), so designs
 * are compared on identical estates, guests and workloads.
 *
 *     const result = simulateDesign(worldSpec, proxyImageDesign('vadp', {}), { seed: 1, days: 7 });
 *     const results = simulateDesigns(worldSpec, [a, b], { seed: 1, days: 7 });
 *
 * A run: build the world, start the workloads, the impact monitor and the
 * guests' writes, bind a repository to every disk or appliance target, ask
 * the design for its plan (its unprotected machines are recorded), start it
 * (at `startSec`, default 0), run to `days * 86400`, compute the results
 * (strategies/results.ts). A design object keeps no state between runs: its
 * per-run state lives in what `start` builds. For a run in steps, see
 * runner/session.ts.
 */
import type { WorldSpec } from '../sim/world/index.js';
import type { BackupDesign } from './protocol.js';
import type { DesignResult } from './results.js';
import { RunSession, type DesignRun, type RunHooks, type SimulateOptions } from './runner/session.js';

export { RunSession, type DesignRun, type RunHooks, type SimulateOptions };

export function simulateDesign(worldSpec: WorldSpec, design: BackupDesign, options: SimulateOptions): DesignResult {
  return runDesign(worldSpec, design, options).result;
}

/** Each design on its own fresh world with the same seed, in the order given. */
export function simulateDesigns(worldSpec: WorldSpec, designs: readonly BackupDesign[], options: SimulateOptions): DesignResult[] {
  return designs.map((d) => simulateDesign(worldSpec, d, options));
}

/** A whole run, with the world, records and repositories behind its results. */
export function runDesign(worldSpec: WorldSpec, design: BackupDesign, options: SimulateOptions, hooks: RunHooks = {}): DesignRun {
  return new RunSession(worldSpec, design, options, hooks).finish();
}
