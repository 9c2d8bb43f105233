/**
 * Contention solver at scale: 10,000 flows over 2,000 resources, each flow
 * routed over 3 distinct random resources, run through the engine to the last
 * completion. Two start patterns: all at t=0, and staggered (one start every
 * millisecond over 10 s, so each start is an event of its own while thousands
 * of flows are in flight). Target (issue 2): under 2 s for either pattern.
 */
import { Simulation } from '../sim/engine/simulation.js';
import { RandomStream } from '../sim/engine/random.js';
import type { Resource } from '../sim/flow/network.js';
import { runTasks } from './harness.js';

export const FLOWS = 10_000;
export const RESOURCES = 2_000;

export function contentionRun(staggered: boolean, seed = 1): { sim: Simulation; lastCompletionSec: number } {
  const sim = new Simulation({ seed, bucketSec: 60 });
  const rng = new RandomStream(seed, 'bench/solver');
  const res: Resource[] = [];
  for (let r = 0; r < RESOURCES; r++) res.push(sim.resource({ name: `r${r}`, capacity: rng.between(50e6, 150e6) }));
  const specs = Array.from({ length: FLOWS }, (_, i) => {
    const route = new Set<number>();
    while (route.size < 3) route.add(rng.int(0, RESOURCES - 1));
    return {
      name: `f${i}`,
      sizeBytes: rng.between(50e6, 150e6),
      route: [...route].map((r) => ({ resource: res[r]! })),
    };
  });
  let last = 0;
  sim.process('driver', (function* () {
    for (let i = 0; i < FLOWS; i++) {
      if (staggered && i > 0) yield sim.wait(0.001);
      const flow = sim.transfer(specs[i]!);
      sim.process(`wait-${i}`, (function* () {
        yield flow;
        last = sim.now;
      })());
    }
  })());
  const outcome = sim.run();
  if (outcome.state !== 'idle') throw new Error(`bench run ended ${outcome.state}`);
  return { sim, lastCompletionSec: last };
}

export async function run(): Promise<void> {
  const probe = contentionRun(false);
  const probe2 = contentionRun(true);
  console.log(
    `solver: all-at-once last completion ${probe.lastCompletionSec.toFixed(1)} s after ${probe.sim.eventCount} events, ` +
      `${probe.sim.flows.solver.eventsProcessed} solver steps; staggered ${probe2.lastCompletionSec.toFixed(1)} s, ` +
      `${probe2.sim.eventCount} events, ${probe2.sim.flows.solver.eventsProcessed} solver steps`,
  );
  await runTasks('Contention solver: 10,000 flows x 2,000 resources, routes of 3', [
    { name: 'all start at once, run to last completion', fn: () => contentionRun(false).lastCompletionSec, target: '< 2000 ms' },
    { name: 'staggered starts, run to last completion', fn: () => contentionRun(true).lastCompletionSec, target: '< 2000 ms' },
  ]);
}
