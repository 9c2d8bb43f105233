/**
 * What the jobs noted, grouped (strategies/runner/results-notes.ts): the
 * facts behind the figures that no count shows, such as a transport that fell
 * back, change tracking missing or reset (a full read instead of an
 * incremental), a quiesce or memory snapshot refused, dedupe asked of a tape,
 * or time queued for a slot or a drive. One row per design and note, with how
 * many jobs and machines it concerned and the first job's own words.
 */
import { clock, count } from '../format.js';
import { listRow, listTable } from './list-table.js';
import type { JobNoteGroup } from '../input-types.js';
import { figure, type DesignView } from './view.js';

/** Rows drawn over all designs; the results file holds up to 100 groups a design. */
export const MAX_NOTE_ROWS = 120;
const COLUMNS = ['design', 'what the jobs noted (first occurrence)', 'jobs', 'machines', 'job kinds', 'first at'];

function noteRow(d: DesignView, g: JobNoteGroup): string {
  return listRow(d, [
    { text: `${g.first.text} (${g.first.machine})`, cls: 'why', title: g.note },
    { text: count(g.jobs), cls: '' },
    { text: count(g.machines), cls: '' },
    { text: g.kinds.join(', '), cls: 'label' },
    { text: clock(g.first.startSec), cls: 'label' },
  ]);
}

/** The grouped notes of every design, or '' when no job noted anything (and in older results files). */
export function jobNotesFigure(ds: readonly DesignView[]): string {
  const all = ds.flatMap((d) => (d.r.jobNotes ?? []).map((g) => ({ d, g })));
  if (all.length === 0) return '';
  const rows = all.slice(0, MAX_NOTE_ROWS).map(({ d, g }) => noteRow(d, g));
  const names = ds.filter((d) => (d.r.jobNotes ?? []).length > 0).map((d) => d.name);
  const table = listTable({ cls: 'job-notes', chart: 'job-notes', label: 'What the jobs noted', columns: COLUMNS, names, rows });
  const widest = all.reduce((best, x) => (x.g.machines > best.g.machines ? x : best), all[0]!);
  const reading = `${count(all.length)} kinds of note over ${count(names.length)} design(s); the most widespread: ${widest.d.name}, "${widest.g.note}" on ${count(widest.g.machines)} machine(s).`;
  const notes = ['Notes are grouped by their text with every number replaced by #; each row shows the first job\'s note as written.'];
  if (all.length > rows.length) notes.push(`${count(all.length - rows.length)} more kinds of note are in the results file.`);
  return figure({ title: 'What the jobs noted', reading, chart: table, notes });
}
