/**
 * What the report's sections say, on synthetic results shaped like the real
 * ones: the claims with their statements, the summary split so it fits a
 * page, verification as a verdict rather than an RTO, the instant-recovery
 * span and the backup target's load in it, and sentences instead of empty
 * charts when a scenario asks for nothing to draw.
 */
import { describe, expect, it } from 'vitest';
import { claimRow, DOMAIN_CLAIMS } from '../reports/claims.js';
import { renderReport } from '../reports/index.js';
import type { DesignResult, RunResultsFile } from '../reports/input-types.js';
import { coincideNote } from '../reports/sections/impact.js';
import { drillAtSec, runningFromBackup } from '../reports/sections/instant-recovery.js';
import { verificationVerdict } from '../reports/sections/restores.js';
import { syntheticRun } from './support/report-fixtures.js';

const withClaims = (run: RunResultsFile, claims: string[]): RunResultsFile => ({ ...run, scenario: { ...run.scenario, claims } });
const withDrills = (run: RunResultsFile, drills: unknown[]): RunResultsFile => ({ ...run, scenario: { ...run.scenario, normalised: { drills } } });
const noDrills = (run: RunResultsFile): RunResultsFile => ({ ...run, designs: run.designs.map((d) => ({ ...d, restores: [] })) });

/** The text of one table (by its class) with tags stripped, cells separated by `|`. */
function tableText(html: string, cls: string): string {
  const m = new RegExp(`<table class="[^"]*\\b${cls}\\b[^"]*"[\\s\\S]*?</table>`).exec(html);
  return m === null ? '' : m[0].replace(/<\/t[dh]>/g, '|').replace(/<[^>]+>/g, '');
}

/** One column of a summary table: each row's cell text and whether it is marked best. */
function columnCells(html: string, cls: string, header: string): { text: string; best: boolean }[] {
  const table = new RegExp(`<table class="[^"]*\\b${cls}\\b[^"]*"[\\s\\S]*?</table>`).exec(html)?.[0] ?? '';
  const heads = [...table.matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);
  const col = heads.indexOf(header) - 1;
  const rows = [...table.matchAll(/<tr data-design[\s\S]*?<\/tr>/g)].map((m) => [...m[0].matchAll(/<td([^>]*)>([^<]*)<\/td>/g)]);
  return rows.map((cells) => ({ text: cells[col]![2]!, best: cells[col]![1]!.includes('class="best"') }));
}

describe('the claims a scenario checks', () => {
  it("shows a claim given by number as DOMAIN.md's statement, and free text as written", () => {
    expect(DOMAIN_CLAIMS).toHaveLength(11);
    expect(claimRow('3')).toEqual({ label: 'claim 3', statement: DOMAIN_CLAIMS[2] });
    expect(claimRow('claim 11').statement).toMatch(/^A product that lacks support for a hypervisor/);
    expect(claimRow('12')).toEqual({ label: '', statement: '12' });
    expect(claimRow('Proxies beat agents')).toEqual({ label: '', statement: 'Proxies beat agents' });
  });

  it('lists the statements in the report, never a bare number', () => {
    const html = renderReport(withClaims(syntheticRun({ vms: 6, days: 2 }), ['2', '9', 'A claim of our own <b>']));
    const claims = tableText(html, 'claims');
    expect(claims).toContain('claim 2|Proxy image backup costs the guests and hosts less than in-guest agents');
    expect(claims).toContain('claim 9|Verification finds unrecoverable backups without a restore.');
    expect(claims).toContain('|A claim of our own &lt;b&gt;|');
  });
});

describe('the summary', () => {
  const html = renderReport(syntheticRun({ vms: 12, days: 2 }));

  it('splits into a backup table and a recovery table, both sortable', () => {
    expect(html.match(/<table class="sortable summary summary-backup"/g)).toHaveLength(1);
    expect(html.match(/<table class="sortable summary summary-recovery"/g)).toHaveLength(1);
    expect(tableText(html, 'summary-backup')).toMatch(/^design\|backup window, mean\|read throughput\|/);
    expect(tableText(html, 'summary-recovery')).toMatch(/^design\|RPO, worst gap\|RTO vm\|RTO instant-recovery\|RTO file\|verification\|restore granularity\|/);
  });

  it('marks every design whose value reads as the best, and none when all read the same', () => {
    const run = syntheticRun({ vms: 6, days: 2 });
    const cpu = (guests: number[]): RunResultsFile => ({ ...run, designs: run.designs.map((d, i) => ({ ...d, cpuCycles: { ...d.cpuCycles, guest: guests[i]! } })) });
    const guestCells = (html: string) => columnCells(html, 'summary-backup', 'guest CPU on backup').map((c) => c.best);
    expect(guestCells(renderReport(cpu([1e9, 2e9, 5e12])))).toEqual([true, true, false]);
    expect(guestCells(renderReport(cpu([1e9, 2e9, 3e9])))).toEqual([false, false, false]);
  });

  it('gives verification a verdict, not an RTO', () => {
    const recovery = tableText(html, 'summary-recovery');
    expect(recovery).not.toContain('RTO verification');
    expect(recovery).toMatch(/proxy-vadp-cbt\|[^\n]*\|passed 1\/1\|/);
    expect(recovery).toMatch(/agents-22h\|[^\n]*\|n\/a\|/);
  });
});

describe('verification verdicts', () => {
  const design = syntheticRun({ vms: 6, days: 1 }).designs[1]!;
  const verifying = (done: number, failed: number): DesignResult => ({
    ...design,
    restores: design.restores.map((k) => (k.kind === 'verification' ? { ...k, count: done + failed, done, failed, unsupported: 0 } : k)),
  });

  it('says passed, failed or both, and n/a for a design that cannot verify', () => {
    expect(verificationVerdict(verifying(2, 0))).toEqual({ state: 'passed', text: 'passed 2/2' });
    expect(verificationVerdict(verifying(0, 1))).toEqual({ state: 'failed', text: 'failed 1/1' });
    expect(verificationVerdict(verifying(1, 2))).toEqual({ state: 'partly', text: '1/3 passed, 2 failed' });
    expect(verificationVerdict(syntheticRun({ vms: 6, days: 1 }).designs[0]!)).toEqual({ state: 'none', text: 'n/a' });
  });
});

describe('instant recovery', () => {
  const run = withDrills(syntheticRun({ vms: 12, days: 2 }), [{ kind: 'vm', machine: 'a', at: 3600 }, { kind: 'instant-recovery', machine: 'b', at: 86_400 + 22 * 3600 }]);

  it('finds the drill time in the normalised scenario, and null when it is not there', () => {
    expect(drillAtSec(run.scenario.normalised, 'instant-recovery')).toBe(86_400 + 22 * 3600);
    expect(drillAtSec({ world: { drills: [{ kind: 'instant-recovery', atSec: 50 }] } }, 'instant-recovery')).toBe(50);
    expect(drillAtSec({}, 'instant-recovery')).toBeNull();
  });

  it('measures the span the VM ran from its backup and the busiest target in it', () => {
    const proxy = run.designs[1]!;
    const span = runningFromBackup(proxy, 86_400 + 22 * 3600)!;
    expect(span.startSec).toBeCloseTo(86_400 + 22 * 3600 + 67.5, 6);
    expect(span.endSec).toBeCloseTo(86_400 + 22 * 3600 + 135, 6);
    const bucket = Math.floor(span.startSec / proxy.series.bucketSec);
    const targets = proxy.series.utilisation.filter((u) => u.kind === 'target');
    expect(span.busiest?.peak).toBe(Math.max(...targets.map((u) => u.values[bucket]!)));
    expect(runningFromBackup(run.designs[0]!, 0)).toBeNull();
  });

  it('reads the time run from the backup and the target load into the figure', () => {
    const html = renderReport(run);
    expect(html).toMatch(/proxy-vadp-cbt ran the VM from its backup for 67\.5 s \(1d 22:01 to 1d 22:02\) before it was back on production storage; meanwhile target-\d+ was up to [\d.]+% busy\./);
  });
});

describe('sections with nothing to draw', () => {
  it('says a scenario asked for no restore drills instead of drawing empty restore charts', () => {
    const html = renderReport(noDrills(syntheticRun({ vms: 6, days: 2 })));
    expect(html).toContain('The scenario asks for no restore drills');
    expect(html).not.toContain('data-chart="restore-times"');
    expect(html).not.toContain('data-chart="instant-recovery"');
  });

  it('says no design staged data in a proxy holding area instead of drawing zero bars', () => {
    const html = renderReport(syntheticRun({ vms: 6, days: 2 }));
    expect(html).toContain('No design staged backup data in a proxy holding area');
    expect(html).not.toContain('aria-label="Proxy holding-area peak"');
  });

  it('says when the most affected machines have the same curve, so one line hides the others', () => {
    const row = { name: 'vm/a', deliveredRatio: [1, 1], latencyInflation: [1, 2] };
    expect(coincideNote([row, { ...row, name: 'vm/b' }, { ...row, name: 'vm/c', latencyInflation: [1, 3] }], (r) => r.latencyInflation, 'machines')).toBe(
      ' 2 of the 3 machines drawn have the same curve, so their lines coincide.',
    );
    expect(coincideNote([row], (r) => r.latencyInflation, 'machines')).toBe('');
  });
});
