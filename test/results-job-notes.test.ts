import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { renderReport } from '../reports/index.js';
import type { RunResultsFile } from '../reports/input-types.js';
import { loadScenario, simulate } from '../scenarios/simulate.js';
import { blankJob, type JobRecord } from '../strategies/recorder.js';
import type { JobKind } from '../strategies/recorder.js';
import { blankNumbers, JOB_NOTE_GROUPS_MAX, jobNoteGroups } from '../strategies/runner/results-notes.js';
import { HOSTILE, syntheticRun } from './support/report-fixtures.js';

const job = (machine: string, kind: JobKind, startSec: number, notes: string[]): JobRecord => ({ ...blankJob('d', machine, kind, startSec), notes });

describe('job notes are grouped by their text with the numbers blanked', () => {
  test('a worked example: counts of jobs and machines, kinds in order, the first job as the example', () => {
    const groups = jobNoteGroups([
      job('vm/a', 'full', 10, ['queued 12.5 s for scheduling slots', 'disk 0: fell back to network']),
      job('vm/b', 'incremental', 20, ['queued 3 s for scheduling slots', 'queued 4 s for scheduling slots']),
      job('vm/a', 'incremental', 30, ['queued 1e3 s for scheduling slots']),
    ]);
    expect(groups).toEqual([
      { note: 'queued # s for scheduling slots', jobs: 3, machines: 2, kinds: ['full', 'incremental'], first: { machine: 'vm/a', kind: 'full', startSec: 10, text: 'queued 12.5 s for scheduling slots' } },
      { note: 'disk #: fell back to network', jobs: 1, machines: 1, kinds: ['full'], first: { machine: 'vm/a', kind: 'full', startSec: 10, text: 'disk 0: fell back to network' } },
    ]);
    expect(jobNoteGroups([job('vm/a', 'full', 0, [])])).toEqual([]);
  });

  test('every job is counted once under each of its notes, groups in order of first appearance', () => {
    // The idea: grouping loses no (job, note) pair and invents none; a group's
    // note is its example's text blanked, and groups come in the jobs' order.
    const words = fc.constantFrom('queued', 'disk', 'fell back to', 'reset', 'network', 's', 'lib#tape/');
    const note = fc.array(fc.oneof(words, fc.integer({ min: 0, max: 999 }).map(String), fc.double({ min: 0, max: 1e4, noNaN: true }).map((x) => x.toFixed(1))), { minLength: 1, maxLength: 4 }).map((xs) => xs.join(' '));
    const jobs = fc.array(fc.record({ m: fc.integer({ min: 0, max: 4 }), notes: fc.array(note, { maxLength: 4 }) }), { maxLength: 30 });
    fc.assert(
      fc.property(jobs, (spec) => {
        const records = spec.map((s, i) => job(`vm/m${s.m}`, i % 2 === 0 ? 'full' : 'incremental', i, s.notes));
        const groups = jobNoteGroups(records);
        const pairs = new Map<string, Set<number>>();
        const order: string[] = [];
        records.forEach((r, i) => {
          for (const t of r.notes) {
            const k = blankNumbers(t);
            if (!pairs.has(k)) {
              pairs.set(k, new Set());
              order.push(k);
            }
            pairs.get(k)!.add(i);
          }
        });
        expect(groups.map((g) => g.note)).toEqual(order);
        for (const g of groups) {
          const ids = [...pairs.get(g.note)!];
          expect(g.jobs).toBe(ids.length);
          expect(g.machines).toBe(new Set(ids.map((i) => records[i]!.machine)).size);
          expect(blankNumbers(g.first.text)).toBe(g.note);
          expect(g.first.startSec).toBe(ids[0]);
        }
      }),
      { numRuns: 200 },
    );
  });

  test(`at most ${JOB_NOTE_GROUPS_MAX} groups; later new notes are not counted`, () => {
    const records = Array.from({ length: JOB_NOTE_GROUPS_MAX + 5 }, (_, i) => job('vm/a', 'full', i, [`note ${'x'.repeat(i % 7)}${String.fromCharCode(97 + (i % 26))}${'y'.repeat(Math.floor(i / 26))}`]));
    expect(jobNoteGroups(records)).toHaveLength(JOB_NOTE_GROUPS_MAX);
  });
});

const SCENARIO = `
name: job-notes
days: 2
chunkSize: 4 MiB
hosts: [{ name: hv-1, platform: hyperv-2008r2, cores: 8 }]
datastores: [{ name: san-1, kind: san }]
proxies: [{ name: px, kind: physical, cores: 4, san: [san-1] }]
targets: [{ name: lib, kind: tape, generation: LTO-6 }]
fleets:
  - { name: "vm-{i}", count: 2, template: win2008r2, disks: [{ size: 16 GiB, appData: 2 GiB }] }
designs:
  - { name: to-tape, kind: proxy-image, options: { target: lib, dedupe: source } }
`;

describe('what the jobs noted reaches the results and the report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vmbsim-notes-'));
  writeFileSync(join(dir, 'notes.yaml'), SCENARIO);
  const file = simulate(loadScenario(join(dir, 'notes.yaml')));
  const notes = file.designs[0]!.jobNotes!;

  test('dedupe asked of a tape and a platform without change tracking are each noted on the jobs they concern', () => {
    expect(notes.find((g) => g.note.startsWith("dedupe 'source' asked"))).toMatchObject({ jobs: 4, machines: 2, kinds: ['full', 'incremental'] });
    expect(notes.find((g) => g.note.includes('full read instead of incremental'))).toMatchObject({ jobs: 2, machines: 2, kinds: ['incremental'] });
  });

  test('the report lists them, escaped, and leaves the figure out when no job noted anything', () => {
    const html = renderReport(file as unknown as RunResultsFile);
    expect(html).toContain('<table class="job-notes"');
    expect(html).toContain('dedupe &#39;source&#39; asked, but a tape holds no dedupe index: every chunk read is written (vm/vm-1)');
    const run = syntheticRun({ vms: 4, days: 2 });
    const hostile = { ...run, designs: run.designs.map((d, i) => (i === 0 ? { ...d, jobNotes: [{ note: HOSTILE, jobs: 1, machines: 1, kinds: ['full'], first: { machine: 'vm/a', kind: 'full', startSec: 0, text: HOSTILE } }] } : d)) };
    const out = renderReport(hostile);
    expect(out).toContain('<table class="job-notes"');
    expect(out).not.toContain(HOSTILE);
    expect(renderReport(run)).not.toContain('<table class="job-notes"');
  });
});
