import { describe, expect, it } from 'vitest';
import type { GuestVerdict } from '../sim/guest/index.js';
import { snapshotImages } from '../sim/platform/index.js';
import type { WorldSpec } from '../sim/world/index.js';
import { agentDesign } from '../strategies/agent/index.js';
import { GIB, HOUR, MIB, runDesign } from './support/guest-design-harness.js';

/** A Linux VM with VMware Tools running PostgreSQL (a journal, no VSS writer) on a busy data disk. */
function postgresVm(): WorldSpec {
  return {
    chunkSizeBytes: 4 * MIB,
    changeBatchSec: 300,
    estate: {
      hosts: [{ name: 'esx-01' }],
      datastores: [{ name: 'san-01', kind: 'san', hosts: ['esx-01'] }],
      targets: [{ name: 'repo', kind: 'disk' }],
      vms: [{ name: 'pg-01', host: 'esx-01', disks: [{ datastore: 'san-01', sizeBytes: 4 * GIB }, { datastore: 'san-01', sizeBytes: 2 * GIB }], workload: 'idle' }],
    },
    guests: [
      {
        machine: 'pg-01',
        template: 'ubuntu1804',
        tools: 'vmware-tools',
        applications: [{ kind: 'postgresql', diskIndex: 1 }],
        appDataBytes: [0, 1 * GIB],
        // Busy enough, around the clock, that PostgreSQL always holds committed work in memory.
        change: [undefined, { preset: 'database', dailyChangeFraction: 0.6, profile: 'flat' }],
      },
    ],
  };
}

describe('application consistency through an agent (claim 4)', () => {
  it('gives a non-VSS journaled application an application-consistent point where a tools-quiesced image is only crash-consistent', () => {
    let toolsVerdict: GuestVerdict | null = null;
    let toolsPendingWrites = 0;
    const run = runDesign(postgresVm(), agentDesign('agents', {}), {
      endSec: 23 * HOUR + 600,
      before: ({ sim, world }) => {
        const m = world.machine('pg-01');
        // The proxy way, an hour after the agent's job: quiesce through the tools, snapshot, thaw, judge the image.
        sim.process('test/tools-snapshot', (function* () {
          yield 23 * HOUR + 60 - sim.now;
          toolsPendingWrites = m.guest.apps[0]!.pendingCount;
          yield* m.platform.quiesce(m.platformVm);
          const created = yield* m.platform.createSnapshot(m.platformVm);
          m.platform.thaw(m.platformVm);
          if (created.kind !== 'created') throw new Error('the platform must take the snapshot');
          toolsVerdict = m.guest.classify(snapshotImages(created.snapshot), created.snapshot.capture);
          yield* m.platform.deleteSnapshot(created.snapshot);
        })());
      },
    });
    const [job] = run.recorder.jobs;
    expect(job!.outcome.state).toBe('done');
    expect(job!.consistency).toBe('application-consistent');
    // The application had committed work in memory, and the tools could not make it flush.
    expect(toolsPendingWrites).toBeGreaterThan(0);
    expect(toolsVerdict!.overall).toBe('crash-consistent-recoverable');
    expect(toolsVerdict!.apps[0]!.missingWrites).toBeGreaterThan(0);
  });

  it('reaches the same consistency on a physical server, where no hypervisor tools exist at all', () => {
    const spec = postgresVm();
    const run = runDesign(
      {
        ...spec,
        estate: { ...spec.estate, vms: [], physicalServers: [{ name: 'pg-02', disk: { sizeBytes: 6 * GIB } }] },
        guests: [{ machine: 'pg-02', template: 'ubuntu1804', applications: [{ kind: 'postgresql', diskIndex: 0 }], appDataBytes: [1 * GIB], change: [{ preset: 'database', dailyChangeFraction: 0.6, profile: 'flat' }] }],
      },
      agentDesign('agents', {}),
      { endSec: 23 * HOUR },
    );
    expect(run.plan.unprotected).toEqual([]);
    const [job] = run.recorder.jobs;
    expect(job!.machine).toBe('physical/pg-02');
    expect(job!.consistency).toBe('application-consistent');
    expect(job!.notes.some((n) => n.includes('not flushed'))).toBe(false);
  });
});
