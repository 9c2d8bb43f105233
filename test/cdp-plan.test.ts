import { describe, expect, it } from 'vitest';
import type { WorldSpec } from '../sim/world/index.js';
import { cdpDesign, type CdpDesign } from '../strategies/cdp/index.js';
import { GIB, HOUR, MIB, runDesign } from './support/guest-design-harness.js';

function estate(): WorldSpec {
  return {
    chunkSizeBytes: 4 * MIB,
    changeBatchSec: 10,
    estate: {
      hosts: [{ name: 'esx-01' }],
      datastores: [{ name: 'san-01', kind: 'san', hosts: ['esx-01'] }],
      targets: [{ name: 'repo', kind: 'disk' }],
      vms: [{ name: 'web-01', host: 'esx-01', disks: [{ datastore: 'san-01', sizeBytes: 4 * GIB }], workload: 'idle' }],
      physicalServers: [{ name: 'db-01', disk: { sizeBytes: 4 * GIB } }],
    },
    guests: ['web-01', 'db-01'].map((machine) => ({ machine, template: 'ubuntu1804', change: [{ dailyChangeFraction: 0.2, profile: 'flat' as const }] })),
  };
}

describe('planning and running CDP', () => {
  it('splits writes in the guest on VMs and physical servers, but in the hypervisor only where there is one', () => {
    const inGuest = runDesign(estate(), cdpDesign('cdp', {}), { endSec: HOUR });
    expect(inGuest.plan.unprotected).toEqual([]);
    const below = runDesign(estate(), cdpDesign('cdp', { splitter: 'hypervisor' }), { endSec: HOUR });
    expect(below.plan.protect.map((m) => m.path)).toEqual(['vm/web-01']);
    expect(below.plan.unprotected).toEqual([{ machine: 'physical/db-01', reason: expect.stringContaining('has none') }]);
  });

  it('charges the splitter to the guest or to the host, as placed', () => {
    const streamCpu = (splitter: 'guest' | 'hypervisor') => {
      const run = runDesign(estate(), cdpDesign('cdp', { splitter }), { endSec: 2 * HOUR });
      const streams = run.recorder.jobs.filter((j) => j.kind === 'cdp-stream' && j.machine === 'vm/web-01');
      return streams.reduce((s, j) => ({ guest: s.guest + j.cpuCycles.guest, host: s.host + j.cpuCycles.host, sent: s.sent + j.bytesSent }), { guest: 0, host: 0, sent: 0 });
    };
    const g = streamCpu('guest');
    const h = streamCpu('hypervisor');
    expect(g.sent).toBeGreaterThan(0);
    expect(g.host).toBe(0);
    expect(h.guest).toBe(0);
    expect(h.host).toBeGreaterThan(0);
  });

  it('offers any-point-in-time restore only when continuous', () => {
    expect(cdpDesign('cdp', {}).capabilities.restores).toContain('point-in-time');
    expect(cdpDesign('near', { mode: 'near-cdp' }).capabilities.restores).not.toContain('point-in-time');
    expect(() => cdpDesign('near', { mode: 'near-cdp', syncIntervalMin: 20 })).toThrow(/syncIntervalMin must be one of DPM's/);
  });

  it('restores near-CDP to the newest synchronisation at or before the time asked', () => {
    const design = cdpDesign('near', { mode: 'near-cdp', syncIntervalMin: 15 }) as CdpDesign;
    const run = runDesign(estate(), design, { endSec: 3 * HOUR });
    const journal = design.journal('vm/web-01')!;
    const syncs = journal.shipments().filter((s) => s.arrivedSec !== null).map((s) => s.cutSec);
    expect(syncs.length).toBeGreaterThan(5);
    const t = syncs[3]! + 300;
    const got = journal.imageAt(t, run.sim.now);
    expect(got.kind).toBe('image');
    if (got.kind === 'image') expect(got.pointSec).toBe(syncs[3]);
  });

  it('labels each near-CDP synchronisation with what the guest model finds: VSS reaches SQL Server, not PostgreSQL', () => {
    const spec = estate();
    const appVms: WorldSpec = {
      ...spec,
      estate: {
        ...spec.estate,
        physicalServers: [],
        vms: ['sql-01', 'pg-01'].map((name) => ({ name, host: 'esx-01', disks: [{ datastore: 'san-01', sizeBytes: 4 * GIB }, { datastore: 'san-01', sizeBytes: 1 * GIB }], workload: 'idle' as const })),
      },
      guests: [
        { machine: 'sql-01', template: 'win2003', applications: [{ kind: 'sql-server', diskIndex: 1 }], appDataBytes: [0, 512 * MIB], change: [undefined, { preset: 'database', dailyChangeFraction: 0.6, profile: 'flat' }] },
        { machine: 'pg-01', template: 'ubuntu1804', applications: [{ kind: 'postgresql', diskIndex: 1 }], appDataBytes: [0, 512 * MIB], change: [undefined, { preset: 'database', dailyChangeFraction: 0.6, profile: 'flat' }] },
      ],
    };
    const run = runDesign(appVms, cdpDesign('near', { mode: 'near-cdp', syncIntervalMin: 15 }), { endSec: 4 * HOUR });
    const labels = (vm: string) => [...new Set(run.recorder.jobs.filter((j) => j.machine === vm && j.kind === 'near-cdp-sync').map((j) => j.consistency))];
    expect(labels('vm/sql-01')).toEqual(['application-consistent']);
    expect(labels('vm/pg-01')).toEqual(['crash-consistent']);
  });

  it('leaves a machine without a restorable window, and says so, when its initial sync cannot be stored', () => {
    const spec = estate();
    const design = cdpDesign('cdp', {}) as CdpDesign;
    const run = runDesign({ ...spec, estate: { ...spec.estate, targets: [{ name: 'repo', kind: 'disk', capacityBytes: 1e8 }] } }, design, { endSec: HOUR });
    const syncs = run.recorder.jobs.filter((j) => j.kind === 'initial-sync');
    expect(syncs.map((j) => j.outcome.state)).toEqual(['failed', 'failed']);
    expect(design.journal('vm/web-01')!.window(run.sim.now)).toBeNull();
    expect(run.recorder.jobs.some((j) => j.kind === 'cdp-stream')).toBe(false);
  });

  it('gives the same records and the same journal for the same seed', () => {
    const once = () => {
      const design = cdpDesign('cdp', {}) as CdpDesign;
      const run = runDesign(estate(), design, { seed: 11, endSec: 3 * HOUR });
      const image = design.journal('vm/web-01')!.imageAt(2 * HOUR + 0.5, run.sim.now);
      return JSON.stringify({ jobs: run.recorder.jobs, image: image.kind === 'image' ? Array.from(image.images[0]!.read(0, 1024)) : null });
    };
    expect(once()).toBe(once());
  });
});
