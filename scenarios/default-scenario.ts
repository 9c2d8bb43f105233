/**
 * The built-in default scenario (scenarios/default.ts) as a ScenarioHandle:
 * what `vmbsim run default` falls back to when scenarios/library/default.yaml
 * is not there. It varies only `days`.
 */
import { defaultDrills, DEFAULT_DAYS, DEFAULT_DESIGNS, defaultWorld } from './default.js';
import type { VaryValue } from './results-file.js';
import { ScenarioError, type CompiledScenario, type ScenarioHandle } from './scenario-source.js';

export function defaultScenario(): ScenarioHandle {
  return {
    name: 'default',
    source: 'builtin:default',
    compile(assignment: Readonly<Record<string, VaryValue>> = {}, seed: number | string = 1): CompiledScenario {
      let days: number = DEFAULT_DAYS;
      for (const [key, value] of Object.entries(assignment)) {
        if (key === 'days' && typeof value === 'number' && value > 0) days = value;
        else throw new ScenarioError([{ code: 'invalid_vary', file: 'builtin:default', line: 1, column: 1, path: [key], message: `cannot vary ${key} = ${JSON.stringify(value)} (the built-in scenario varies days, a positive number)` }]);
      }
      const world = defaultWorld();
      return {
        name: 'default',
        title: 'Agents, proxy image backup and near-CDP on a small vSphere 4 estate',
        description: '24 VMs on four vSphere 4 hosts with 1 GbE NICs, one physical database server, a proxy zoned to the SAN and a disk repository; three designs over three days, with restore drills on day 2.',
        claims: [],
        seed,
        days,
        world,
        designs: DEFAULT_DESIGNS.map((d) => ({ name: d.name, kind: d.kind, options: { ...d.options } })),
        drills: defaultDrills(),
        tapeCopies: [],
        faults: [],
        vary: [],
        normalised: { world, designs: DEFAULT_DESIGNS, days },
      };
    },
  };
}
