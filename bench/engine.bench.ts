/**
 * Engine throughput on a timeout-only workload: 1,000 processes each waiting
 * a pseudo-random delay 2,000 times (2 million events through the queue and
 * the process machinery). Delays come from a table of 4,096 exponential draws
 * (mean 1 s) from a seeded stream, so the benchmark measures the engine and
 * not the random number generator. Target (issue 2): at least 5 million
 * events/s.
 */
import { RandomStream } from '../sim/engine/random.js';
import { Simulation } from '../sim/engine/simulation.js';
import { runTasks } from './harness.js';

const PROCESSES = 1_000;
const STEPS = 2_000;
const TABLE = 4_096;

const rng = new RandomStream(1, 'bench/engine');
const delays = Array.from({ length: TABLE }, () => rng.exponential(1));

/** `yield seconds` (the allocation-free idiom for plain delays) or `yield sim.wait(seconds)` (an event object). */
export function timeoutRun(eventObjects = false): number {
  const sim = new Simulation({ seed: 1 });
  for (let p = 0; p < PROCESSES; p++) {
    sim.process(`p${p}`, (function* () {
      let k = (p * 7919) % TABLE;
      for (let i = 0; i < STEPS; i++) {
        if (eventObjects) yield sim.wait(delays[k]!);
        else yield delays[k]!;
        k = k + 1 === TABLE ? 0 : k + 1;
      }
    })());
  }
  return sim.run().events;
}

export async function run(): Promise<void> {
  const events = timeoutRun();
  await runTasks('Engine: timeout-only workload', [
    { name: `${PROCESSES} processes x ${STEPS} waits (yield seconds)`, fn: () => timeoutRun(false), itemsPerRun: events, itemName: 'events', target: '>= 5M events/s' },
    { name: `${PROCESSES} processes x ${STEPS} waits (yield sim.wait(seconds))`, fn: () => timeoutRun(true), itemsPerRun: events, itemName: 'events' },
  ]);
}
