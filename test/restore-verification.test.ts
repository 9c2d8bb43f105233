import { describe, expect, it } from 'vitest';
import { proxyImageDesign } from '../strategies/index.js';
import { corruptChunk, findPoint, type RestoreDrill, type RestoreReport } from '../strategies/restore/index.js';
import { runWithRestores } from './support/restore-harness.js';
import { DAY, GIB, HOUR, restoreWorld, type RestoreVm } from './support/restore-worlds.js';

/** A VM whose application keeps committed work in memory and has no journal, writing hard at night. */
const ISAM: RestoreVm = {
  name: 'isam',
  diskBytes: [4 * GIB, 2 * GIB],
  guest: {
    tools: 'none',
    appDataBytes: [0, 1 * GIB],
    applications: [{ kind: 'legacy-isam', diskIndex: 1 }],
    change: [undefined, { dailyChangeFraction: 0.95, hotSetFraction: 0.1, hotWriteShare: 0.9, profile: 'flat' }],
  },
};

/** A VSS-aware database quiesced through the tools: application-consistent points. */
const SQL: RestoreVm = { name: 'sql', diskBytes: [4 * GIB, 2 * GIB], guest: { appDataBytes: [0, 1 * GIB], applications: [{ kind: 'sql-server', diskIndex: 1 }] } };

const AT = DAY + 6 * HOUR;

function verifyRun(vms: readonly RestoreVm[], drills: readonly RestoreDrill[], o: { corrupt?: string } = {}) {
  return runWithRestores(restoreWorld({ vms }), proxyImageDesign('image', {}), {
    endSec: 2 * DAY,
    drills,
    actions:
      o.corrupt === undefined
        ? []
        : [
            {
              atSec: DAY,
              run: (r) => {
                const found = findPoint(r.ctx, `vm/${o.corrupt}`, DAY);
                if (!found.found) throw new Error('no point to corrupt');
                expect(corruptChunk(found.at.repo, found.at.point, 1, 10)).toBe(true);
              },
            },
          ],
  });
}

const reasonOf = (r: RestoreReport): string => (r.record.outcome.state === 'done' ? '' : r.record.outcome.reason);

/** Nothing a verification does may cross production storage: it is not a restore. */
function expectNoRestore(r: RestoreReport): void {
  expect(r.bytesWritten).toBe(0);
  expect(r.resources.filter((name) => name.startsWith('datastore/'))).toEqual([]);
}

describe('automated verification (SureBackup-like, claim 9)', () => {
  it('passes a good point after booting it in the lab and waiting 120 s, without a restore', () => {
    const run = verifyRun([SQL], [{ kind: 'verification', machine: 'sql', atSec: AT }]);
    const [r] = run.drills.reports;
    expect(r!.record.outcome).toEqual({ state: 'done', verified: true });
    expect(r!.record.completeSec - r!.running!.bootedSec).toBeGreaterThanOrEqual(120);
    expect(r!.notes).toContain('heartbeat: the guest tools answered');
    expect(r!.resources).toContain('lab/image/verification/nat');
    expectNoRestore(r!);
  });

  it('fails on a damaged point: an application without a journal that missed committed work', () => {
    const run = verifyRun([ISAM], [{ kind: 'verification', machine: 'isam', atSec: AT }]);
    const [r] = run.drills.reports;
    expect(r!.record.outcome.state).toBe('failed');
    expect(reasonOf(r!)).toMatch(/^verification failed: application test/);
    expect(r!.notes).toContain('heartbeat test skipped: no guest tools in the VM');
    expectNoRestore(r!);
  });

  it("judges the point's own images with the guest's classification, from the capture its backup job kept", () => {
    const run = verifyRun([ISAM, SQL], [{ kind: 'verification', machine: 'isam', atSec: AT }, { kind: 'verification', machine: 'sql', atSec: AT }]);
    // The job that made each point kept the guest's state of its instant; no test probe is needed.
    for (const j of run.recorder.jobs.filter((x) => x.restorePointId !== null)) expect(j.capture?.guest).toBe(j.machine.slice('vm/'.length));
    const [isam, sql] = ['vm/isam', 'vm/sql'].map((m) => run.drills.reports.find((r) => r.machine === m)!);
    expect(isam!.notes).toContain('application test: point judged damaged (guest-classify)');
    expect(reasonOf(isam!)).toMatch(/legacy-isam misses \d+ committed write\(s\) and has no journal/);
    expect(sql!.notes).toContain('application test: point judged application-consistent (guest-classify)');
    expect(sql!.record.outcome).toEqual({ state: 'done', verified: true });
  });

  it('fails on a corrupted chunk found by reading the stored blocks back, still without a restore', () => {
    const run = verifyRun([SQL], [{ kind: 'verification', machine: 'sql', atSec: AT }], { corrupt: 'sql' });
    const [r] = run.drills.reports;
    expect(reasonOf(r!)).toMatch(/backup file validation: \d+ chunk\(s\) unreadable/);
    expectNoRestore(r!);
  });

  it('verifies one VM at a time, in the order asked', () => {
    const run = verifyRun([SQL, { ...SQL, name: 'sql2' }], [
      { kind: 'verification', machine: 'sql', atSec: AT },
      { kind: 'verification', machine: 'sql2', atSec: AT },
    ]);
    const [a, b] = run.drills.reports;
    expect(a!.machine).toBe('vm/sql');
    expect(b!.record.requestedSec).toBe(AT);
    expect(b!.running!.publishedSec).toBeGreaterThanOrEqual(a!.record.completeSec);
    expect(b!.notes.some((n) => n.startsWith('queued'))).toBe(true);
  });
});
