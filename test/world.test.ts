import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim/engine/simulation.js';
import { buildWorld, startGuestActivity, type WorldSpec } from '../sim/world/index.js';

const GB = 1e9;

function spec(overrides: Partial<WorldSpec> = {}): WorldSpec {
  return {
    chunkSizeBytes: 4 * 1024 * 1024,
    estate: {
      hosts: [{ name: 'esx-01' }, { name: 'hv-01' }],
      datastores: [
        { name: 'san', kind: 'san', hosts: ['esx-01'], hardwareSnapshots: true },
        { name: 'csv', kind: 'san', hosts: ['hv-01'] },
      ],
      vms: [
        { name: 'web-01', host: 'esx-01', disks: [{ datastore: 'san', sizeBytes: 40 * GB }] },
        { name: 'sql-01', host: 'hv-01', disks: [{ datastore: 'csv', sizeBytes: 40 * GB }, { datastore: 'csv', sizeBytes: 20 * GB }] },
      ],
      physicalServers: [{ name: 'db-01', disk: { sizeBytes: 40 * GB } }],
    },
    hypervisors: [{ host: 'hv-01', platform: 'hyperv-2016' }],
    guests: [{ machine: 'sql-01', applications: [{ kind: 'sql-server', diskIndex: 1 }], appDataBytes: [0, 10 * GB] }],
    ...overrides,
  };
}

describe('the world', () => {
  it('binds every machine to its guest, its hypervisor and the tools of that hypervisor', () => {
    const sim = new Simulation({ seed: 1 });
    const world = buildWorld(sim, spec());
    expect(world.machines.map((m) => [m.path, m.platform.capabilities.version, m.guest.tools?.platform ?? 'none'])).toEqual([
      ['vm/web-01', 'vsphere-4', 'vsphere'],
      ['vm/sql-01', 'hyperv-2016', 'hyper-v'],
      ['physical/db-01', 'physical', 'none'],
    ]);
    expect(world.machine('sql-01').guest.disks.length).toBe(2);
  });

  it('applies guest writes in batches, and change tracking sees them', () => {
    const sim = new Simulation({ seed: 1 });
    const world = buildWorld(sim, spec());
    const web = world.machine('web-01');
    const before = web.platform.queryChanges(web.platformVm, 0, '*');
    startGuestActivity(world, 86_400);
    expect(sim.run({ untilSec: 86_400 }).state).toBe('until');
    const written = web.guest.disks[0]!.writeCount;
    expect(written).toBeGreaterThan(0);
    expect(before.kind).not.toBe('unsupported');
  });

  it('is deterministic for a seed', () => {
    const contentAfterADay = (seed: number): number[] => {
      const sim = new Simulation({ seed });
      const world = buildWorld(sim, spec());
      startGuestActivity(world, 86_400);
      sim.run({ untilSec: 86_400 });
      return Array.from(world.machine('sql-01').guest.disks[1]!.read(0, 64));
    };
    expect(contentAfterADay(3)).toEqual(contentAfterADay(3));
  });

  it('rejects unknown hosts, platforms and machines before the run', () => {
    const sim = () => new Simulation({ seed: 1 });
    expect(() => buildWorld(sim(), spec({ hypervisors: [{ host: 'nope', platform: 'vsphere-4' }] }))).toThrow(/nope/);
    expect(() => buildWorld(sim(), spec({ hypervisors: [{ host: 'hv-01', platform: 'hyperv-2029' }] }))).toThrow(/host\/hv-01: platform must be one of/);
    expect(() => buildWorld(sim(), spec({ guests: [{ machine: 'ghost' }] }))).toThrow(/guest\/ghost: machine must name a VM or physical server/);
    expect(() => buildWorld(sim(), spec({ guests: [{ machine: 'web-01', template: 'win3.11' }] }))).toThrow(/win3\.11/);
  });
});
