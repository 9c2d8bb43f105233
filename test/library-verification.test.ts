import { describe, expect, it } from 'vitest';
import { TABLE_ROWS } from '../scenarios/cli/table.js';
import type { RestoreRecord } from '../strategies/recorder.js';
import { compileLibrary, design, runLibraryDesigns } from './support/library.js';

const DAY = 86_400;
const at = (day: number, hour: number): number => day * DAY + hour * 3600;

describe('scenarios/library/verification.yaml (claim 9)', () => {
  const run = design(runLibraryDesigns(compileLibrary('verification')), 'vadp-surebackup');
  const verifications = run.recorder.restores.filter((r) => r.kind === 'verification');
  const verdict = (machine: string, requestedSec: number): RestoreRecord => {
    const v = verifications.find((r) => r.machine === `vm/${machine}` && r.requestedSec === requestedSec);
    if (v === undefined) throw new Error(`no verification of ${machine} asked at ${requestedSec}`);
    return v;
  };
  const reasonOf = (r: RestoreRecord): string => (r.outcome.state === 'done' ? '' : r.outcome.reason);

  it('backs every VM up every night without a failed job, and rots the block the scenario names', () => {
    expect(run.result.jobs).toMatchObject({ total: 8, done: 8, failed: 0 });
    const fsFull = run.recorder.jobs.find((j) => j.machine === 'vm/fs-01' && j.kind === 'full')!;
    expect(run.result.faults).toEqual([
      { kind: 'corrupt-block', machine: 'vm/fs-01', atSec: at(1, 6), state: 'applied', detail: expect.stringMatching(/^stored block of chunk \d+ of disk 0 at point \d+ corrupted$/), pointSec: fsFull.pointSec, target: 'repo-01' },
    ]);
  });

  it('fails exactly the bad points, each with its reason, and passes the good ones', () => {
    // Measured (seed 1): sql-01 (quiesced through VMware Tools and VSS) and web-01 (PostgreSQL,
    // crash-consistent, replays its log in 5.1 s) pass; erp-01 (legacy ISAM, no tools, no
    // journal) misses 5 committed writes; fs-01 passes at 05:00 and fails at 09:00 on the
    // block that rotted at 06:00.
    expect(verdict('sql-01', at(1, 9)).outcome).toEqual({ state: 'done', verified: true });
    expect(verdict('web-01', at(1, 9)).outcome).toEqual({ state: 'done', verified: true });
    expect(verdict('web-01', at(1, 9)).notes).toContain('application test: point judged crash-consistent-recoverable (guest-classify)');
    expect(reasonOf(verdict('erp-01', at(1, 9)))).toMatch(/^verification failed: application test: legacy-isam misses \d+ committed write\(s\) and has no journal to replay them$/);
    expect(verdict('erp-01', at(1, 9)).notes).toContain('heartbeat test skipped: no guest tools in the VM');
    const before = verdict('fs-01', at(1, 5));
    const after = verdict('fs-01', at(1, 9));
    expect(before.outcome).toEqual({ state: 'done', verified: true });
    expect(reasonOf(after)).toBe('verification failed: backup file validation: 1 chunk(s) unreadable (corrupt stored block)');
    // The same restore point both times: only the rot between them changed the verdict.
    expect(after.pointSec).toBe(before.pointSec);
    expect(run.result.restores).toEqual([expect.objectContaining({ kind: 'verification', count: 5, done: 3, failed: 2 })]);
    // The comparison table `vmbsim run` prints says so too.
    const row = TABLE_ROWS.find(([label]) => label === 'verification')!;
    expect(row[1](run.result)).toBe('2 of 5 failed');
  });

  it('finds them by booting each point from the backup, one VM at a time, never restoring one', () => {
    // No restore of any kind ran: every verdict comes from a VM booted off its published backup
    // in the lab, each running from it for 126 to 144 s (the 120 s wait, tests, reading back).
    expect(run.result.restores.map((k) => k.kind)).toEqual(['verification']);
    for (const v of verifications) {
      expect(v.notes!.some((n) => /^published as nfs datastore /.test(n))).toBe(true);
      expect(v.running!.ranSec).toBeGreaterThanOrEqual(120);
      expect(v.running!.ranSec).toBeLessThan(10 * 60);
    }
    // Queued one at a time: the four asked at 09:00 end in order, the last 611 s after the request.
    const nine = verifications.filter((v) => v.requestedSec === at(1, 9));
    for (let i = 1; i < nine.length; i++) expect(nine[i]!.completeSec).toBeGreaterThan(nine[i - 1]!.completeSec + 120);
  });
});
