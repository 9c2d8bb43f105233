import { describe, expect, test } from 'vitest';
import { loadScenarioFile } from '../scenarios/load.js';
import { compileScenario } from '../scenarios/compile.js';
import { formatIssues } from '../scenarios/issues.js';
import { DEFAULT_DAYS, DEFAULT_DESIGNS, defaultDrills, defaultWorld } from '../scenarios/default.js';
import { Simulation } from '../sim/engine/simulation.js';
import { buildWorld } from '../sim/world/build-world.js';
import { createDesign } from '../strategies/index.js';

function load() {
  const r = loadScenarioFile('scenarios/library/default.yaml');
  if (!r.ok) throw new Error(formatIssues(r.issues));
  return r;
}

/** What scenarios/default.ts runs with seed 1: the largest file of sql-11 is decided by the seed. */
function largestFileOf(machine: string, seed: number): string {
  const files = buildWorld(new Simulation({ seed }), defaultWorld()).machine(machine).guest.filesystem.files();
  return files.reduce((a, b) => (b.sizeBytes > a.sizeBytes ? b : a)).path;
}

describe('scenarios/library/default.yaml', () => {
  test('compiles to exactly the world, designs and drills of the built-in default scenario', () => {
    const c = compileScenario(load().scenario);
    expect(c.world).toStrictEqual(defaultWorld());
    expect(c.designs).toStrictEqual(DEFAULT_DESIGNS.map((d) => ({ name: d.name, kind: d.kind, options: d.options })));
    expect(c.drills).toStrictEqual(defaultDrills(largestFileOf('sql-11', 1)));
    expect(c.days).toBe(DEFAULT_DAYS);
    expect(c.seed).toBe(1);
    expect(c.vary).toEqual([]);
  });

  test('every compiled design is accepted by createDesign', () => {
    for (const d of compileScenario(load().scenario).designs) expect(createDesign(d.kind, d.name, d.options).name).toBe(d.name);
  });

  test('a seed override picks the largest file of the world built with that seed', () => {
    const c = compileScenario(load().scenario, { seed: 7 });
    expect(c.seed).toBe(7);
    expect(c.drills[3]!.file).toBe(largestFileOf('sql-11', 7));
  });
});
