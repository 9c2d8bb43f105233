import { describe, expect, test } from 'vitest';
import { loadScenarioFile } from '../scenarios/load.js';
import { compileScenario, runOptions } from '../scenarios/compile.js';
import { formatIssues } from '../scenarios/issues.js';
import { DEFAULT_DAYS, DEFAULT_DESIGNS, defaultDrills, defaultWorld } from '../scenarios/default.js';
import { Simulation } from '../sim/engine/simulation.js';
import { buildWorld } from '../sim/world/build-world.js';
import { createDesign } from '../strategies/index.js';
import { filePath, LARGEST_FILE } from '../strategies/restore/drill.js';
import { RunSession } from '../strategies/run.js';

function load() {
  const r = loadScenarioFile('scenarios/library/default.yaml');
  if (!r.ok) throw new Error(formatIssues(r.issues));
  return r;
}

/** The largest file of a machine of the default world built with a seed (the guest layout is decided by the seed). */
function largestFileOf(machine: string, seed: number): string {
  const files = buildWorld(new Simulation({ seed }), defaultWorld()).machine(machine).guest.filesystem.files();
  return files.reduce((a, b) => (b.sizeBytes > a.sizeBytes ? b : a)).path;
}

describe('scenarios/library/default.yaml', () => {
  test('compiles to exactly the world, designs and drills of the built-in default scenario', () => {
    const c = compileScenario(load().scenario);
    expect(c.world).toStrictEqual(defaultWorld());
    expect(c.designs).toStrictEqual(DEFAULT_DESIGNS.map((d) => ({ name: d.name, kind: d.kind, options: d.options })));
    expect(c.drills).toStrictEqual(defaultDrills());
    expect(c.days).toBe(DEFAULT_DAYS);
    expect(c.seed).toBe(1);
    expect(c.vary).toEqual([]);
  });

  test('every compiled design is accepted by createDesign', () => {
    for (const d of compileScenario(load().scenario).designs) expect(createDesign(d.kind, d.name, d.options).name).toBe(d.name);
  });

  test('`file: largest` is looked up in the run\'s own world, so a seed override picks the largest file of that seed\'s layout', () => {
    const c = compileScenario(load().scenario, { seed: 7 });
    expect(c.seed).toBe(7);
    expect(c.drills[3]!.file).toBe(LARGEST_FILE);
    const d = c.designs[0]!;
    const run = new RunSession(c.world, createDesign(d.kind, d.name, d.options), runOptions(c));
    expect(filePath(run.world.machine('sql-11'), LARGEST_FILE)).toBe(largestFileOf('sql-11', 7));
    expect(largestFileOf('sql-11', 7)).not.toBe(largestFileOf('sql-11', 1));
  });
});
