import { describe, expect, it } from 'vitest';
import { ConfigError } from '../sim/engine/errors.js';
import type { WorldSpec } from '../sim/world/index.js';
import { agentDesign } from '../strategies/agent/index.js';
import { DAY, GIB, HOUR, MIB, runDesign } from './support/guest-design-harness.js';

function mixedEstate(targets: NonNullable<WorldSpec['estate']['targets']>): WorldSpec {
  return {
    chunkSizeBytes: 4 * MIB,
    estate: {
      hosts: [{ name: 'esx-01' }, { name: 'xen-01' }],
      datastores: [
        { name: 'san-01', kind: 'san', hosts: ['esx-01'] },
        { name: 'local-xen', kind: 'local', hosts: ['xen-01'] },
      ],
      targets,
      vms: [
        { name: 'web-01', host: 'esx-01', disks: [{ datastore: 'san-01', sizeBytes: 4 * GIB }], workload: 'idle' },
        { name: 'web-02', host: 'xen-01', disks: [{ datastore: 'local-xen', sizeBytes: 4 * GIB }], workload: 'idle' },
      ],
      physicalServers: [{ name: 'db-01', disk: { sizeBytes: 4 * GIB } }],
    },
    hypervisors: [{ host: 'xen-01', platform: 'xenserver-5.6' }],
    guests: ['web-01', 'web-02', 'db-01'].map((machine) => ({ machine, template: 'ubuntu1804', change: [{ dailyChangeFraction: 0.05, profile: 'flat' as const }] })),
  };
}

describe('planning in-guest agents', () => {
  it('protects every platform, physical servers included, and declares file and application-item restores', () => {
    const run = runDesign(mixedEstate([{ name: 'repo', kind: 'disk' }]), agentDesign('agents', {}), { endSec: HOUR });
    expect(run.plan.protect.map((m) => m.path)).toEqual(['vm/web-01', 'vm/web-02', 'physical/db-01']);
    const caps = agentDesign('agents', {}).capabilities;
    expect(caps.platforms).toContain('physical');
    expect(caps.restores).toEqual(expect.arrayContaining(['file', 'application-item']));
    expect(caps.restores).not.toContain('instant-recovery');
    expect(caps.restores).not.toContain('virtual-lab');
  });

  it('leaves machines unprotected, with the reason, where the product has no agent or cannot write the target', () => {
    const noXen = runDesign(mixedEstate([{ name: 'repo', kind: 'disk' }]), agentDesign('agents', { platforms: ['vsphere-4', 'physical'] }), { endSec: HOUR });
    expect(noXen.plan.unprotected).toEqual([{ machine: 'vm/web-02', reason: expect.stringContaining('no agent for xenserver-5.6') }]);
    const tapeOnly = runDesign(mixedEstate([{ name: 'lto', kind: 'tape-library', generation: 'LTO-7' }]), agentDesign('agents', {}), { endSec: HOUR });
    expect(tapeOnly.plan.protect).toEqual([]);
    expect(tapeOnly.plan.unprotected.length).toBe(3);
    expect(tapeOnly.plan.unprotected[0]!.reason).toMatch(/no target agents can write/);
    const named = runDesign(mixedEstate([{ name: 'lto', kind: 'tape-library', generation: 'LTO-7' }]), agentDesign('agents', { target: 'lto' }), { endSec: HOUR });
    expect(named.plan.unprotected[0]!.reason).toMatch(/cannot write to target\/lto/);
  });

  it('rejects nonsense options before the run', () => {
    expect(() => agentDesign('agents', { dedupe: 'sideways' as never })).toThrow(ConfigError);
    expect(() => agentDesign('agents', { platforms: ['vsphere-9'] })).toThrow(/platforms must be one of/);
    expect(() => agentDesign('agents', { schedule: { startSecOfDay: 90_000 } })).toThrow(/startSecOfDay/);
    expect(() => runDesign(mixedEstate([{ name: 'repo', kind: 'disk' }]), agentDesign('agents', { target: 'nowhere' }), { endSec: HOUR })).toThrow(/target must name a target of the estate/);
  });

  it('staggers the machines of a night when asked', () => {
    const run = runDesign(mixedEstate([{ name: 'repo', kind: 'disk' }]), agentDesign('agents', { schedule: { staggerSec: 1800 } }), { endSec: DAY });
    expect(run.recorder.jobs.map((j) => j.startSec)).toEqual([22 * HOUR, 22 * HOUR + 1800, 22 * HOUR + 3600]);
  });

  it('records a full target as a failed job, and tries a full again the next night', () => {
    const run = runDesign(mixedEstate([{ name: 'repo', kind: 'disk', capacityBytes: 1e8 }]), agentDesign('agents', {}), { endSec: DAY + 23 * HOUR });
    const jobs = run.recorder.jobs.filter((j) => j.machine === 'vm/web-01');
    expect(jobs.map((j) => [j.kind, j.outcome.state])).toEqual([
      ['full', 'failed'],
      ['full', 'failed'],
    ]);
    expect(jobs[0]!.outcome).toEqual({ state: 'failed', reason: expect.stringContaining('target/repo is full') });
    expect(jobs[1]!.notes).toContain('no chain to continue: full instead of incremental');
  });

  it('gives the same records for the same seed', () => {
    const once = () => JSON.stringify(runDesign(mixedEstate([{ name: 'repo', kind: 'disk' }]), agentDesign('agents', { dedupe: 'source' }), { seed: 7, endSec: DAY + 23 * HOUR }).recorder.jobs);
    const a = once();
    expect(a).toBe(once());
    expect(JSON.parse(a).length).toBe(6);
  });
});
