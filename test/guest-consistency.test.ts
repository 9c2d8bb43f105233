import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../sim/engine/random.js';
import { ContentSpace } from '../sim/disk/content-space.js';
import { TemplatePool } from '../sim/disk/template-pool.js';
import { GIB, MIB } from '../sim/disk/units.js';
import { buildGuest, type GuestSpec } from '../sim/guest/build-guest.js';

/** 11:00 on day 0: office hours, so applications have work in memory. */
const ELEVEN = 11 * 3600;

function guest(spec: Partial<GuestSpec> & Pick<GuestSpec, 'template'>) {
  const space = new ContentSpace(MIB);
  const ctx = { space, pool: new TemplatePool(space), streams: new RandomStreams(2011) };
  const g = buildGuest(
    {
      name: 'app-01',
      disks: [
        { provisionedBytes: 40 * GIB },
        // A busy data disk, so the dirty window always holds committed work.
        { provisionedBytes: 20 * GIB, appDataBytes: 16 * GIB, change: { dailyChangeFraction: 0.5 } },
      ],
      ...spec,
    },
    ctx,
  );
  g.advance(0, ELEVEN);
  return g;
}

describe('application consistency of an image', () => {
  it('is application-consistent for a VSS-aware application quiesced through guest tools', () => {
    const g = guest({ template: 'win2016', tools: 'vmware-tools', applications: [{ kind: 'sql-server' }] });
    expect(g.apps[0]!.pendingCount).toBeGreaterThan(0);
    const outcome = g.quiesce('guest-tools');
    expect(outcome).toMatchObject({ reach: 'vss-writers', level: 'application', apps: [{ app: 'sql-server', flushed: true }] });
    const capture = g.capture();
    const verdict = g.classify(g.disks.map((d) => d.freeze()), capture);
    expect(verdict.overall).toBe('application-consistent');
    expect(verdict.apps[0]).toMatchObject({ missingWrites: 0 });
  });

  it('holds all committed work in a snapshot taken while quiesced, whatever the guest writes afterwards', () => {
    const g = guest({ template: 'win2016', tools: 'vmware-tools', applications: [{ kind: 'sql-server' }] });
    g.quiesce('guest-tools');
    const capture = g.capture();
    const snapshots = g.disks.map((d) => d.pointInTime());
    g.thaw();
    g.advance(ELEVEN, ELEVEN + 3600);
    expect(g.classify(snapshots, capture).overall).toBe('application-consistent');
    // The guest did overwrite chunks afterwards; the snapshot kept their old content.
    expect(snapshots[1]!.preservedChunkCount).toBeGreaterThan(0);
  });

  it('misses committed work without a quiesce, and needs a log replay proportional to it', () => {
    const g = guest({ template: 'win2016', tools: 'vmware-tools', applications: [{ kind: 'sql-server' }] });
    const pending = new Set(g.capture().apps[0]!.pendingChunks).size;
    const verdict = g.classify(g.disks.map((d) => d.freeze()), g.capture());
    const app = verdict.apps[0]!;
    expect(app.kind).toBe('crash-consistent-recoverable');
    expect(app.missingWrites).toBe(pending);
    expect(app.missingBytes).toBe(pending * MIB);
    if (app.kind !== 'crash-consistent-recoverable') throw new Error('unreachable');
    // SQL Server in the catalog: 10 s start-up, 100 MiB/s replay.
    expect(app.replaySeconds).toBeCloseTo(10 + (pending * MIB) / (100 * MIB), 9);
  });

  it('gets no application quiesce without guest tools', () => {
    const g = guest({ template: 'win2016', applications: [{ kind: 'exchange' }] });
    const outcome = g.quiesce('guest-tools');
    expect(outcome).toMatchObject({ reach: 'none', level: 'crash', apps: [{ flushed: false, reason: 'no-guest-tools' }] });
    expect(g.classify(g.disks.map((d) => d.freeze()), g.capture()).overall).toBe('crash-consistent-recoverable');
  });

  it('gives a journaled application on Linux only a file-system quiesce through tools, needing replay', () => {
    const g = guest({ template: 'rhel6', tools: 'vmware-tools', applications: [{ kind: 'postgresql' }] });
    const outcome = g.quiesce('guest-tools');
    expect(outcome).toMatchObject({ reach: 'file-system', level: 'file-system', apps: [{ flushed: false, reason: 'file-system-only' }] });
    const verdict = g.classify(g.disks.map((d) => d.freeze()), g.capture());
    expect(verdict.overall).toBe('crash-consistent-recoverable');
    expect(verdict.apps[0]!.missingWrites).toBeGreaterThan(0);
  });

  it('makes a journaled application consistent through an agent hook', () => {
    const g = guest({ template: 'rhel6', tools: 'vmware-tools', applications: [{ kind: 'postgresql' }] });
    expect(g.quiesce('agent')).toMatchObject({ reach: 'agent-hooks', level: 'application' });
    expect(g.classify(g.disks.map((d) => d.freeze()), g.capture()).overall).toBe('application-consistent');
  });

  it('finds a crash image of an application that is not crash-safe damaged', () => {
    const g = guest({ template: 'ubuntu1804', tools: 'vmware-tools', applications: [{ kind: 'legacy-isam' }] });
    const verdict = g.classify(g.disks.map((d) => d.freeze()), g.capture());
    expect(verdict.overall).toBe('damaged');
    expect(verdict.apps[0]).toMatchObject({ kind: 'damaged', reason: 'unflushed-work-without-journal' });
  });

  it('gets no quiesce from XenServer tools on a Linux guest', () => {
    const g = guest({ template: 'rhel7', tools: 'xen-tools', applications: [{ kind: 'mysql-innodb' }] });
    expect(g.quiesce('guest-tools')).toMatchObject({ reach: 'none', level: 'crash', apps: [{ reason: 'tools-do-not-quiesce-this-os' }] });
  });

  it('is no longer quiesced once the application commits again', () => {
    const g = guest({ template: 'win2016', tools: 'hyperv-integration-services', applications: [{ kind: 'sql-server' }] });
    g.quiesce('guest-tools');
    g.advance(ELEVEN, ELEVEN + 600);
    expect(g.classify(g.disks.map((d) => d.freeze()), g.capture()).overall).toBe('crash-consistent-recoverable');
  });

  it('settles committed work onto the disk after the dirty window', () => {
    const g = guest({ template: 'win2016', tools: 'vmware-tools', applications: [{ kind: 'sql-server' }] });
    const capture = g.capture();
    const app = g.apps[0]!;
    // Nothing new is committed past 11:00 in this check: settle the window out.
    app.settle(ELEVEN + app.spec.dirtyWindowSec);
    const verdict = g.classify(g.disks.map((d) => d.freeze()), capture);
    expect(verdict.apps[0]!.missingWrites).toBe(0);
    expect(verdict.apps[0]!.presentWrites).toBe(new Set(capture.apps[0]!.pendingChunks).size);
  });
});

describe('a guest without applications', () => {
  it('is judged by its file system: consistent when quiesced, crash-consistent otherwise', () => {
    const g = guest({ template: 'rhel7', tools: 'hyperv-integration-services' });
    expect(g.classify(g.disks.map((d) => d.freeze()), g.capture()).overall).toBe('crash-consistent-recoverable');
    expect(g.quiesce('guest-tools')).toMatchObject({ reach: 'file-system', level: 'file-system' });
    expect(g.classify(g.disks.map((d) => d.freeze()), g.capture()).overall).toBe('application-consistent');
    g.thaw();
    expect(g.capture().quiesceLevel).toBe('crash');
  });
});
