import { describe, expect, it } from 'vitest';
import { ConfigError } from '../sim/engine/errors.js';
import { Simulation } from '../sim/engine/simulation.js';
import { buildWorld } from '../sim/world/index.js';
import { agentDesign } from '../strategies/agent/index.js';
import { proxyImageDesign } from '../strategies/index.js';
import { startRestoreDrills, validateDrills, type RestoreDrill } from '../strategies/restore/index.js';
import { BackupRecorder } from '../strategies/recorder.js';
import { bindRepositories, repositoryAccessor } from '../strategies/runner/bind-repositories.js';
import { DAY, GIB, restoreWorld } from './support/restore-worlds.js';

const SPEC = restoreWorld({
  physicalServer: true,
  vms: [
    { name: 'web' },
    { name: 'db', diskBytes: [4 * GIB, 2 * GIB], guest: { appDataBytes: [0, 1 * GIB], applications: [{ kind: 'sql-server', diskIndex: 1 }] } },
  ],
});

const world = () => buildWorld(new Simulation({ seed: 1 }), SPEC);
const image = proxyImageDesign('image', {});

function reasonFor(design: typeof image, drill: RestoreDrill): string | null {
  const [check] = validateDrills(world(), design, [drill]);
  return check!.state === 'ok' ? null : check!.reason;
}

describe('validating restore drills before the run', () => {
  it('accepts what the design and the platform can deliver', () => {
    const drills: RestoreDrill[] = [
      { kind: 'vm', machine: 'web', atSec: DAY },
      { kind: 'disk', machine: 'vm/db', atSec: DAY, disk: 1 },
      { kind: 'file', machine: 'db', atSec: DAY, file: 'D:\\data\\f00000' },
      { kind: 'instant-recovery', machine: 'db', atSec: DAY },
      { kind: 'virtual-lab', machine: 'db', atSec: DAY, labMachines: ['web'] },
      { kind: 'verification', machine: 'web', atSec: DAY },
    ];
    expect(validateDrills(world(), image, drills).map((c) => c.state)).toEqual(drills.map(() => 'ok'));
  });

  it('reports each impossible drill as unsupported, with a reason a person can act on', () => {
    const agents = agentDesign('agents', {});
    const cases: [typeof image, RestoreDrill, RegExp][] = [
      [image, { kind: 'vm', machine: 'nope', atSec: DAY }, /^the world has no machine "nope"$/],
      [image, { kind: 'vm', machine: 'phys0', atSec: DAY }, /^image does not protect physical\/phys0: /],
      [image, { kind: 'application-item', machine: 'db', atSec: DAY }, /^image offers no application-item restore \(it offers vm, disk, file/],
      [image, { kind: 'disk', machine: 'web', atSec: DAY, disk: 3 }, /^vm\/web has no disk 3 \(it has 1\)$/],
      [image, { kind: 'file', machine: 'web', atSec: DAY, file: 'C:\\nothing' }, /^vm\/web has no file/],
      [image, { kind: 'file', machine: 'web', atSec: DAY }, /names no file/],
      [image, { kind: 'virtual-lab', machine: 'db', atSec: DAY, labMachines: ['phys0'] }, /^lab machine: image does not protect physical\/phys0/],
      [agents, { kind: 'vm', machine: 'web', atSec: DAY, from: 'tape' }, /^agents cannot write to tape/],
      [image, { kind: 'file', machine: 'web', atSec: DAY, file: 'C:\\os\\f00000', from: 'tape' }, /^a file restore cannot read a tape copy/],
      [agents, { kind: 'instant-recovery', machine: 'web', atSec: DAY }, /^agents offers no instant-recovery restore/],
      [agents, { kind: 'application-item', machine: 'web', atSec: DAY }, /^vm\/web runs no application/],
      [agents, { kind: 'vm', machine: 'phys0', atSec: DAY }, null as unknown as RegExp],
    ];
    for (const [design, drill, reason] of cases) {
      const got = reasonFor(design, drill);
      if (reason === null) expect(got).toBeNull();
      else expect(got).toMatch(reason);
    }
  });

  it('says a platform without instant recovery cannot boot a VM from its backup', () => {
    const xen = buildWorld(new Simulation({ seed: 1 }), restoreWorld({ platform: 'xenserver-5.6', vms: [{ name: 'web' }] }));
    const [check] = validateDrills(xen, image, [{ kind: 'verification', machine: 'web', atSec: DAY }]);
    expect(check).toEqual({ index: 0, state: 'unsupported', reason: 'Citrix XenServer 5.6 (XAPI) cannot mount a backup as a datastore to boot vm/web from' });
  });

  it('rejects malformed drills as configuration errors, before the run', () => {
    expect(() => validateDrills(world(), image, [{ kind: 'vm', machine: 'web', atSec: -1 }])).toThrow(ConfigError);
    expect(() => validateDrills(world(), image, [{ kind: 'disk', machine: 'web', atSec: 0, disk: 0.5 }])).toThrow(/disk must be a disk index >= 0/);
  });

  it('records unsupported drills as outcomes at their time, never as exceptions', () => {
    const w = world();
    const recorder = new BackupRecorder();
    const ctx = { world: w, recorder, repository: repositoryAccessor(w, bindRepositories(w)) };
    const drills = startRestoreDrills(ctx, image, [{ kind: 'application-item', machine: 'db', atSec: 3600 }]);
    w.sim.run({ untilSec: 7200 });
    expect(recorder.restores).toHaveLength(1);
    expect(recorder.restores[0]).toMatchObject({ kind: 'application-item', machine: 'vm/db', requestedSec: 3600, completeSec: 3600, outcome: { state: 'unsupported' } });
    expect(drills.checks[0]!.state).toBe('unsupported');
  });
});
