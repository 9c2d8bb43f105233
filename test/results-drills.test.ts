import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { comparisonTable, DRILL_LINES_MAX, FAILURE_LINES_MAX } from '../scenarios/cli/table.js';
import { loadScenario, simulate } from '../scenarios/simulate.js';
import type { DesignResult, DrillResult } from '../strategies/results.js';

const SCENARIO = `
name: drill-rows
days: 2
chunkSize: 4 MiB
hosts: [{ name: esx-1, cores: 8 }]
datastores: [{ name: san-1, kind: san }]
proxies: [{ name: px, kind: physical, cores: 4, san: [san-1] }]
targets: [{ name: repo, kind: disk }]
fleets:
  - { name: "vm-{i}", count: 2, template: win2008r2, apps: [sql-server], disks: [{ size: 16 GiB, appData: 2 GiB }] }
designs:
  - { name: agents, kind: agent }
  - { name: cdp, kind: cdp, options: { journalRetention: 2 h } }
drills:
  - { kind: file, machine: vm-1, at: "1d 09:00", file: largest }
  - { kind: instant-recovery, machine: vm-2, at: "1d 10:00" }
  - { kind: point-in-time, machine: vm-1, at: "1d 11:00", point: { atOrBefore: "0d 23:00" } }
`;

function run(): DesignResult[] {
  const dir = mkdtempSync(join(tmpdir(), 'vmbsim-drills-'));
  const file = join(dir, 'drills.yaml');
  writeFileSync(file, SCENARIO);
  return simulate(loadScenario(file)).designs;
}

describe('every drill restore reaches the results with what it delivered or why not', () => {
  const [agents, cdp] = run();

  test('one row per drill, in drill order, each with its state and reason', () => {
    const rows = (r: DesignResult): Pick<DrillResult, 'drill' | 'kind' | 'machine' | 'state'>[] => r.drills!.map(({ drill, kind, machine, state }) => ({ drill, kind, machine, state }));
    expect(rows(agents!)).toEqual([
      { drill: 0, kind: 'file', machine: 'vm/vm-1', state: 'done' },
      { drill: 1, kind: 'instant-recovery', machine: 'vm/vm-2', state: 'unsupported' },
      { drill: 2, kind: 'point-in-time', machine: 'vm/vm-1', state: 'unsupported' },
    ]);
    expect(rows(cdp!)).toEqual([
      { drill: 0, kind: 'file', machine: 'vm/vm-1', state: 'done' },
      { drill: 1, kind: 'instant-recovery', machine: 'vm/vm-2', state: 'unsupported' },
      { drill: 2, kind: 'point-in-time', machine: 'vm/vm-1', state: 'failed' },
    ]);
    expect(agents!.drills![1]!.reason).toBe('agents offers no instant-recovery restore (it offers vm, disk, file, application-item)');
    // Asked for 23:00 on day 0 with a 2-hour journal at 11:00 on day 1: outside the window.
    expect(cdp!.drills![2]!.reason).toMatch(/^0d 23:00:00 is outside the journal of vm\/vm-1: it holds \d+d \d\d:\d\d:\d\d to \d+d \d\d:\d\d:\d\d$/);
  });

  test('a done row has its point, its times from the request and what it read; a row without a point says so', () => {
    const done = agents!.drills![0]!;
    expect(done.verified).toBe(true);
    expect(done.pointSec).not.toBeNull();
    expect(done.pointSec!).toBeLessThanOrEqual(done.requestedSec);
    expect(done.requestedSec).toBe(86_400 + 9 * 3600);
    expect(done.serviceSec).toBeGreaterThan(0);
    expect(done.completeSec).toBeGreaterThanOrEqual(done.serviceSec);
    expect(done.bytesRead).toBeGreaterThan(0);
    const unsupported = agents!.drills![1]!;
    expect(unsupported).toMatchObject({ pointSec: null, bytesRead: 0, serviceSec: 0, completeSec: 0 });
    expect(unsupported.verified).toBeUndefined();
  });

  test('the per-kind counts agree with the rows', () => {
    for (const r of [agents!, cdp!]) {
      for (const k of r.restores) {
        const mine = r.drills!.filter((d) => d.kind === k.kind);
        expect({ count: mine.length, done: mine.filter((d) => d.state === 'done').length, failed: mine.filter((d) => d.state === 'failed').length, unsupported: mine.filter((d) => d.state === 'unsupported').length }).toEqual({
          count: k.count,
          done: k.done,
          failed: k.failed,
          unsupported: k.unsupported,
        });
      }
    }
  });

  test('the command line prints each drill restore not done, with its reason, under the table', () => {
    const lines = comparisonTable([agents!, cdp!]).split('\n');
    expect(lines).toContain('agents: drills[1] instant-recovery of vm/vm-2 unsupported: agents offers no instant-recovery restore (it offers vm, disk, file, application-item)');
    expect(lines.filter((l) => l.startsWith('cdp: drills[2] point-in-time of vm/vm-1 failed: '))).toHaveLength(1);
    expect(lines.some((l) => l.includes('drills[0]'))).toBe(false);
  });

  test(`at most ${DRILL_LINES_MAX} drill lines a design, then a count of the rest`, () => {
    const many: DrillResult[] = Array.from({ length: DRILL_LINES_MAX + 3 }, (_, i) => ({ ...agents!.drills![1]!, drill: i }));
    const lines = comparisonTable([{ ...agents!, drills: many }]).split('\n');
    expect(lines.filter((l) => l.startsWith('agents: drills['))).toHaveLength(DRILL_LINES_MAX);
    expect(lines).toContain('agents: 3 more drill restore(s) not done (each with its reason in results.json)');
  });
});

describe('the command line names the reasons jobs failed', () => {
  const [agents] = run();
  const failure = (startSec: number, reason: string) => ({ machine: 'vm/vm-1', kind: 'full' as const, startSec, state: 'failed' as const, reason });

  test('one line per kind of failure (reasons alike but for their numbers), with its count and first reason', () => {
    const failures = [
      failure(1, 'night 3 skipped: the previous job of vm/vm-1 was still running'),
      failure(2, 'target/repo is full: 1200 B stored without a restore point'),
      failure(3, 'night 4 skipped: the previous job of vm/vm-2 was still running'),
      { ...failure(4, 'agents cannot write to a tape'), state: 'unsupported' as const },
    ];
    const lines = comparisonTable([{ ...agents!, failures }]).split('\n');
    expect(lines).toContain('agents: 2 failed job(s), the first: night 3 skipped: the previous job of vm/vm-1 was still running');
    expect(lines).toContain('agents: 1 failed job(s): target/repo is full: 1200 B stored without a restore point');
    expect(lines.some((l) => l.includes('agents cannot write to a tape') && l.includes('failed job'))).toBe(false);
  });

  test(`at most ${FAILURE_LINES_MAX} kinds a design, then a count of the rest and of what the file left out`, () => {
    const failures = Array.from({ length: FAILURE_LINES_MAX + 2 }, (_, i) => failure(i, `reason ${'x'.repeat(i)}`));
    const lines = comparisonTable([{ ...agents!, failures, omitted: { machines: 0, unprotected: 0, failures: 7 } }]).split('\n');
    expect(lines.filter((l) => l.startsWith('agents: 1 failed job(s): reason'))).toHaveLength(FAILURE_LINES_MAX);
    expect(lines).toContain('agents: 2 more kind(s) of job failure (each in results.json)');
    expect(lines).toContain("agents: 7 more failed or unsupported job(s) beyond the results file's list");
  });
});
