import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLATFORM_VERSION_NAMES } from '../sim/platform/platform-versions.js';
import type { TargetSpec } from '../sim/estate/spec.js';
import type { WorldSpec } from '../sim/world/world-spec.js';
import { DESIGNS, DESIGN_NAMES, createDesign } from '../strategies/index.js';
import { runDesign } from '../strategies/run.js';

const GIB = 1024 * 1024 * 1024;
const HYPERVISORS = PLATFORM_VERSION_NAMES.filter((p) => p !== 'physical');
const TARGET_KINDS = ['disk', 'dedupe-appliance', 'tape-library'] as const;

function targetSpec(kind: (typeof TARGET_KINDS)[number]): TargetSpec {
  if (kind === 'tape-library') return { name: 't0', kind, generation: 'LTO-5', drives: 1 };
  return kind === 'disk' ? { name: 't0', kind } : { name: 't0', kind };
}

/** One host of the platform, one VM (with an application on a data disk), maybe a physical server, and one target of the kind. */
function world(platform: string, targetKind: (typeof TARGET_KINDS)[number], physical: boolean): WorldSpec {
  return {
    chunkSizeBytes: 4 * 1024 * 1024,
    estate: {
      hosts: [{ name: 'h0' }],
      datastores: [{ name: 'san', kind: 'san', hosts: ['h0'] }],
      proxies: [{ name: 'p0', kind: 'physical', sanDatastores: ['san'] }],
      targets: [targetSpec(targetKind)],
      vms: [{ name: 'vm0', host: 'h0', disks: [{ datastore: 'san', sizeBytes: 5 * GIB }, { datastore: 'san', sizeBytes: 1 * GIB }], workload: 'idle' }],
      physicalServers: physical ? [{ name: 'phys0', disk: { sizeBytes: 4 * GIB } }] : [],
    },
    hypervisors: [{ host: 'h0', platform }],
    guests: [{ machine: 'vm0', template: 'win2003', appDataBytes: [0, GIB / 2], applications: [{ kind: 'sql-server', diskIndex: 1 }] }, ...(physical ? [{ machine: 'phys0', template: 'rhel5' }] : [])],
  };
}

const caseArb = fc.record({
  kind: fc.constantFrom(...DESIGN_NAMES),
  optionIndex: fc.nat(),
  platform: fc.constantFrom(...HYPERVISORS),
  targetKind: fc.constantFrom(...TARGET_KINDS),
  nameTarget: fc.boolean(),
  physical: fc.boolean(),
  seed: fc.integer({ min: 1, max: 1_000 }),
});

describe('impossible designs are outcomes, never exceptions', () => {
  it('runs any design kind and option set on any platform and target kind: every machine is protected or unprotected with a reason', () => {
    // The idea: a strategy on a platform that cannot run it, or with a target
    // it cannot write, is reported by the plan or as an outcome in the results;
    // simulateDesign never throws mid-run, and no machine goes unmentioned.
    fc.assert(
      fc.property(caseArb, (c) => {
        const labels = Object.keys(DESIGNS[c.kind]!.contractOptions);
        const base = DESIGNS[c.kind]!.contractOptions[labels[c.optionIndex % labels.length]!] as Record<string, unknown>;
        const options = c.nameTarget ? { ...base, target: 't0' } : base;
        const run = runDesign(world(c.platform, c.targetKind, c.physical), createDesign(c.kind, 'd', options), { seed: c.seed, days: 1 });
        const machines = run.world.machines.map((m) => m.path);
        const protectedPaths = run.plan.protect.map((m) => m.path);
        const unprotected = run.result.unprotected;
        for (const u of unprotected) expect(u.reason.length).toBeGreaterThan(10);
        expect([...protectedPaths, ...unprotected.map((u) => u.machine)].sort()).toEqual([...machines].sort());
        expect(run.result.run.state).toBe('until');
        for (const f of run.result.failures) expect(f.reason.length).toBeGreaterThan(0);
        // A design whose target is a tape library either writes its points there or says why it cannot.
        if (c.targetKind === 'tape-library' && protectedPaths.length > 0) expect(run.plan.pointsOn).toBe('tape');
      }),
      { numRuns: 100 },
    );
  });
});
