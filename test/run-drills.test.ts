import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim/engine/simulation.js';
import { buildWorld, type WorldSpec } from '../sim/world/index.js';
import { runDesign } from '../strategies/run.js';
import { proxyImageDesign } from '../strategies/index.js';
import { GIB, proxyWorld } from './support/proxy-worlds.js';

const DAY = 86_400;

/** A 40 GiB SQL Server VM (30 GiB of data) whose host reaches the repository over 1 GbE. */
function world(): WorldSpec {
  const spec = proxyWorld({
    vms: [{ name: 'app', diskBytes: [40 * GIB], guest: { template: 'win2003', applications: [{ kind: 'sql-server' }], appDataBytes: [30 * GIB] } }],
  });
  return { ...spec, estate: { ...spec.estate, hosts: spec.estate.hosts.map((h) => ({ ...h, nicBytesPerSec: 125e6 })) } };
}

/** The guest's file layout is decided by the seed, so a fresh build names the same files as the run. */
function someFile(spec: WorldSpec, seed: number): string {
  const w = buildWorld(new Simulation({ seed }), spec);
  return w.machine('app').guest.filesystem.files()[0]!.path;
}

describe('restore drills through the runner', () => {
  const spec = world();
  const drills = [
    { kind: 'vm' as const, machine: 'app', atSec: DAY + 6 * 3600 },
    { kind: 'instant-recovery' as const, machine: 'app', atSec: DAY + 8 * 3600 },
    { kind: 'file' as const, machine: 'app', atSec: DAY + 10 * 3600, file: someFile(spec, 5) },
    { kind: 'verification' as const, machine: 'app', atSec: DAY + 12 * 3600 },
  ];
  const run = runDesign(spec, proxyImageDesign('vadp', {}), { seed: 5, days: 2, drills });
  const byKind = new Map(run.result.restores.map((r) => [r.kind, r]));

  it('runs every drill after the first night and reports it per kind', () => {
    expect([...byKind.keys()].sort()).toEqual(['file', 'instant-recovery', 'verification', 'vm']);
    for (const r of byKind.values()) expect(r.done, `${r.kind} done`).toBe(1);
  });

  it('brings service back sooner with instant recovery than with a full restore (claim 8)', () => {
    expect(byKind.get('instant-recovery')!.serviceSec.mean).toBeLessThan(byKind.get('vm')!.serviceSec.mean / 3);
  });

  it('restores a single file without restoring the VM, and sooner', () => {
    expect(byKind.get('file')!.completeSec.mean).toBeLessThan(byKind.get('vm')!.completeSec.mean);
  });
});
