/**
 * The report's list of drill restores: one row per restore with its state and
 * the reason it was not done, escaped; absent when no design has drills
 * (older results files have none either).
 */
import { describe, expect, it } from 'vitest';
import { renderReport } from '../reports/index.js';
import type { DrillRecord, RunResultsFile } from '../reports/input-types.js';
import { HOSTILE, syntheticRun } from './support/report-fixtures.js';

const DAY = 86_400;
const ROWS: DrillRecord[] = [
  { drill: 0, kind: 'vm', machine: 'vm/sql-0001', requestedSec: DAY + 9 * 3600, pointSec: 22 * 3600, state: 'done', verified: true, serviceSec: 600, completeSec: 600, bytesRead: 20e9 },
  { drill: 1, kind: 'instant-recovery', machine: `vm/${HOSTILE}`, requestedSec: DAY + 11 * 3600, pointSec: null, state: 'unsupported', reason: `agents offers no instant-recovery restore ${HOSTILE}`, serviceSec: 0, completeSec: 0, bytesRead: 0 },
  { drill: 2, kind: 'point-in-time', machine: 'vm/sql-0001', requestedSec: DAY + 13 * 3600, pointSec: null, state: 'failed', reason: '82800 s is outside the journal of vm/sql-0001', serviceSec: 0, completeSec: 0, bytesRead: 0, notes: ['journal on repo-01'] },
];

function withDrills(run: RunResultsFile, drills: readonly DrillRecord[] | undefined): RunResultsFile {
  return { ...run, designs: run.designs.map((d, i) => (i === 0 && drills !== undefined ? { ...d, drills } : d)) };
}

function tableText(html: string): string {
  const from = html.indexOf('<table class="drills"');
  if (from < 0) return '';
  return html.slice(from, html.indexOf('</table>', from)).replace(/<\/t[dh]>/g, '|').replace(/<\/tr>/g, '\n').replace(/<[^>]+>/g, '');
}

describe('the list of drill restores', () => {
  const run = syntheticRun({ vms: 6, days: 2 });

  it('shows every restore with its times, state and reason, escaped', () => {
    const html = renderReport(withDrills(run, ROWS));
    const name = run.designs[0]!.design;
    expect(tableText(html).split('\n').slice(1, 4)).toEqual([
      `${name}|drills[0]|vm|vm/sql-0001|1d 09:00|0d 22:00|done|10.0 min|10.0 min|20.0 GB|–|`,
      `${name}|drills[1]|instant-recovery|vm/&lt;img src=x onerror=alert(1)&gt;|1d 11:00|–|not supported|–|–|0.00 B|agents offers no instant-recovery restore &lt;img src=x onerror=alert(1)&gt;|`,
      `${name}|drills[2]|point-in-time|vm/sql-0001|1d 13:00|–|failed|–|–|0.00 B|82800 s is outside the journal of vm/sql-0001; journal on repo-01|`,
    ]);
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain(`${name}: 3 restore(s), 1 done, 1 failed, 1 not supported.`);
  });

  it('is left out when no design has drill rows', () => {
    expect(renderReport(withDrills(run, undefined))).not.toContain('<table class="drills"');
  });
});
