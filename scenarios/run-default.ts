/**
 * Runs the built-in default scenario (scenarios/default.ts) with every design.
 * Its own module, so that what only describes the scenario (the world, the
 * designs, the drills) does not load the designs and the engine: `vmbsim
 * validate` holds the built-in scenario but never runs it.
 */
import type { DesignResult } from '../strategies/results.js';
import { createDesign } from '../strategies/index.js';
import { simulateDesign } from '../strategies/run.js';
import { DEFAULT_DAYS, DEFAULT_DESIGNS, defaultDrills, defaultWorld } from './default.js';

export function runDefault(seed: number | string = 1): DesignResult[] {
  const world = defaultWorld();
  const drills = defaultDrills();
  return DEFAULT_DESIGNS.map((d) => simulateDesign(world, createDesign(d.kind, d.name, d.options), { seed, days: DEFAULT_DAYS, drills }));
}
