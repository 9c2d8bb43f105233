/**
 * Engine throughput on a timeout-only workload: 1,000 processes each waiting
 * a pseudo-random delay 2,000 times (2 million events through the queue and
 * the process machinery). Target (issue 2): at least 5 million events/s.
 */
import { Simulation } from '../sim/engine/simulation.js';
import { runTasks } from './harness.js';

const PROCESSES = 1_000;
const STEPS = 2_000;

export function timeoutRun(): number {
  const sim = new Simulation({ seed: 1 });
  for (let p = 0; p < PROCESSES; p++) {
    const delay = 1 + (p % 17) * 0.125;
    sim.process(`p${p}`, (function* () {
      for (let i = 0; i < STEPS; i++) yield sim.wait(delay);
    })());
  }
  return sim.run().events;
}

export async function run(): Promise<void> {
  const events = timeoutRun();
  await runTasks('Engine: timeout-only workload', [
    { name: `${PROCESSES} processes x ${STEPS} timeouts`, fn: timeoutRun, itemsPerRun: events, itemName: 'events', target: '>= 5M events/s' },
  ]);
}
