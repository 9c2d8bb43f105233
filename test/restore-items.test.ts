import { describe, expect, it } from 'vitest';
import { agentDesign } from '../strategies/agent/index.js';
import { proxyImageDesign } from '../strategies/index.js';
import type { RestoreDrill, RestoreReport } from '../strategies/restore/index.js';
import { runWithRestores, withCapabilities } from './support/restore-harness.js';
import { DAY, GIB, HOUR, restoreWorld, type RestoreVm } from './support/restore-worlds.js';

/** An application without a journal that keeps committed work in memory, writing hard at night. */
const ISAM: RestoreVm = {
  name: 'isam',
  diskBytes: [4 * GIB, 2 * GIB],
  guest: {
    appDataBytes: [0, 1 * GIB],
    applications: [{ kind: 'legacy-isam', diskIndex: 1 }],
    change: [undefined, { dailyChangeFraction: 0.95, hotSetFraction: 0.1, hotWriteShare: 0.9, profile: 'flat' }],
  },
};

/** A VSS-aware database in a VM without guest tools: its image backups are crash-consistent. */
const SQL_NO_TOOLS: RestoreVm = { name: 'sql', diskBytes: [4 * GIB, 2 * GIB], guest: { tools: 'none', appDataBytes: [0, 1 * GIB], applications: [{ kind: 'sql-server', diskIndex: 1 }] } };

const ITEM = (machine: string): RestoreDrill => ({ kind: 'application-item', machine, atSec: DAY + 8 * HOUR });
const imageWithItems = withCapabilities(proxyImageDesign('image', {}), { restores: ['vm', 'disk', 'file', 'application-item'] });

function only(vms: readonly RestoreVm[], design: Parameters<typeof runWithRestores>[1], drills: readonly RestoreDrill[]): readonly RestoreReport[] {
  return runWithRestores(restoreWorld({ vms }), design, { endSec: 2 * DAY, drills }).drills.reports;
}

describe('application item restores', () => {
  it('restores an item from the application data of an agent backup, whose hook made the point consistent', () => {
    const [r] = only([ISAM], agentDesign('agents', {}), [ITEM('isam')]);
    expect(r!.record.outcome).toEqual({ state: 'done', verified: true });
    // The agent kept the guest's state of the point's instant: the point is judged by the guest itself.
    expect(r!.notes).toContain('point judged application-consistent (guest-classify)');
    expect(r!.content!.filesChecked).toBe(1);
  });

  it('fails on a damaged image backup of the same application: its data cannot be opened', () => {
    const [r] = only([ISAM], imageWithItems, [ITEM('isam')]);
    expect(r!.record.outcome.state).toBe('failed');
    expect(r!.record.outcome.state === 'failed' && r!.record.outcome.reason).toMatch(/^legacy-isam cannot open its data at this point/);
    expect(r!.bytesWritten).toBe(0);
  });

  it('replays the log of a crash-consistent point before reading the item', () => {
    const [r] = only([SQL_NO_TOOLS], imageWithItems, [ITEM('sql')]);
    expect(r!.record.outcome).toEqual({ state: 'done', verified: true });
    expect(r!.notes.some((n) => /^sql-server replayed its log for \d/.test(n))).toBe(true);
    expect(r!.record.completeSec - r!.record.requestedSec).toBeGreaterThanOrEqual(10); // SQL Server's recovery start-up
  });

  it('restores agent backups file by file and whole, equal to the protected data', () => {
    const reports = only([ISAM, SQL_NO_TOOLS], agentDesign('agents', {}), [
      { kind: 'file', machine: 'sql', atSec: DAY + 8 * HOUR, file: 'D:\\data\\f00002' },
      { kind: 'vm', machine: 'isam', atSec: DAY + 8 * HOUR },
    ]);
    for (const r of reports) {
      expect(r.record.outcome).toEqual({ state: 'done', verified: true });
      expect(r.content!.againstWitness).toBe(true);
    }
  });

  it('restores a physical server whole from its agent backup, over the network onto its own disk', () => {
    const run = runWithRestores(restoreWorld({ vms: [], physicalServer: true }), agentDesign('agents', {}), { endSec: 2 * DAY, drills: [{ kind: 'vm', machine: 'phys0', atSec: DAY + 8 * HOUR }] });
    const [r] = run.drills.reports;
    expect(r!.record.outcome).toEqual({ state: 'done', verified: true });
    expect(r!.resources).toContain('physical/phys0/disk/bandwidth');
  });
});
