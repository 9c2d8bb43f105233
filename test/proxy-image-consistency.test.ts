import { describe, expect, it } from 'vitest';
import { proxyImageDesign } from '../strategies/index.js';
import type { ProxyImageOptions } from '../strategies/proxy-image/options.js';
import { runDesign } from '../strategies/run.js';
import { GIB, jobsOf, proxyWorld, type TestVm } from './support/proxy-worlds.js';

const withApp = (name: string, template: string, app: string, extra: Partial<TestVm['guest']> = {}): TestVm => ({
  name,
  diskBytes: [6 * GIB, 2 * GIB],
  guest: { template, appDataBytes: [0, 1 * GIB], applications: [{ kind: app, diskIndex: 1 }], ...extra },
});

function labels(platform: string, vms: readonly TestVm[], options: ProxyImageOptions = {}) {
  const run = runDesign(proxyWorld({ platform, vms }), proxyImageDesign(platform, options), { seed: 4, days: 2 });
  return { run, latest: Object.fromEntries(run.result.consistency.map((c) => [c.machine, c.latest])) };
}

describe('consistency of image backups (claim 4)', () => {
  it('is application-consistent for a VSS-aware application quiesced through the tools, and crash-consistent without tools', () => {
    const { latest, run } = labels('vsphere-4', [withApp('sql', 'win2003', 'sql-server'), withApp('sql-no-tools', 'win2003', 'sql-server', { tools: 'none' })]);
    expect(latest['vm/sql']).toBe('application-consistent');
    expect(latest['vm/sql-no-tools']).toBe('crash-consistent');
    const [job] = jobsOf(run.recorder.jobs, 'vm/sql-no-tools');
    expect(job!.notes.join(' ')).toMatch(/no guest tools/);
  });

  it('is only crash-consistent for an application without a VSS writer, even with the tools', () => {
    const { latest } = labels('vsphere-4', [withApp('pg', 'win2003', 'postgresql')]);
    expect(latest['vm/pg']).toBe('crash-consistent');
  });

  it('is damaged for an application that is not crash-safe when nothing flushes it', () => {
    const { latest } = labels('vsphere-4', [withApp('isam', 'win2003', 'legacy-isam', { tools: 'none' })]);
    expect(['damaged', 'crash-consistent']).toContain(latest['vm/isam']);
  });

  it('is crash-consistent for a XenServer Linux VM, whose tools quiesce nothing', () => {
    const { latest } = labels('xenserver-7.3', [withApp('db', 'rhel5', 'postgresql')]);
    expect(latest['vm/db']).toBe('crash-consistent');
  });

  it('saves XenServer memory snapshots for Windows VMs only, and says so for Linux (claim 10)', () => {
    const { run } = labels('xenserver-7.3', [{ name: 'win', diskBytes: [6 * GIB] }, { name: 'lnx', diskBytes: [4 * GIB], guest: { template: 'rhel5' } }], { memorySnapshot: true });
    const [win] = jobsOf(run.recorder.jobs, 'vm/win');
    const [lnx] = jobsOf(run.recorder.jobs, 'vm/lnx');
    expect(win!.notes).toContain('memory snapshot: running state saved');
    expect(lnx!.notes.some((n) => n.startsWith('memory snapshot refused'))).toBe(true);
    expect(lnx!.outcome.state).toBe('degraded');
    expect(lnx!.restorePointId).not.toBeNull();
  });
});
