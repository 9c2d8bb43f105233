/**
 * What the jobs noted, grouped (strategies/runner/results-notes.ts): the
 * facts behind the figures that no count shows, such as a transport that fell
 * back, change tracking missing or reset (a full read instead of an
 * incremental), a quiesce or memory snapshot refused, dedupe asked of a tape,
 * or time queued for a slot or a drive. One row per design and note, with how
 * many jobs and machines it concerned and the first job's own words.
 */
import { clock, count } from '../format.js';
import { esc, namesAttr } from '../html.js';
import type { JobNoteGroup } from '../input-types.js';
import { figure, type DesignView } from './view.js';

/** Rows drawn over all designs; the results file holds up to 100 groups a design. */
export const MAX_NOTE_ROWS = 120;
const COLUMNS = ['design', 'what the jobs noted (first occurrence)', 'jobs', 'machines', 'job kinds', 'first at'];

function noteRow(d: DesignView, g: JobNoteGroup): string {
  const example = `${g.first.text} (${g.first.machine})`;
  return (
    `<tr data-design="${d.index}"><th class="text" scope="row">${esc(d.name)}</th>` +
    `<td class="why" title="${esc(g.note)}">${esc(example)}</td><td>${count(g.jobs)}</td><td>${count(g.machines)}</td>` +
    `<td class="label">${esc(g.kinds.join(', '))}</td><td class="label">${esc(clock(g.first.startSec))}</td></tr>`
  );
}

/** The grouped notes of every design, or '' when no job noted anything (and in older results files). */
export function jobNotesFigure(ds: readonly DesignView[]): string {
  const all = ds.flatMap((d) => (d.r.jobNotes ?? []).map((g) => ({ d, g })));
  if (all.length === 0) return '';
  const rows = all.slice(0, MAX_NOTE_ROWS).map(({ d, g }) => noteRow(d, g));
  const head = COLUMNS.map((c) => `<th class="text">${esc(c)}</th>`).join('');
  const names = ds.filter((d) => (d.r.jobNotes ?? []).length > 0).map((d) => d.name);
  const table = `<div class="table-wrap"><table class="job-notes" aria-label="What the jobs noted" data-chart="job-notes"${namesAttr('data-series', names)}><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
  const widest = all.reduce((best, x) => (x.g.machines > best.g.machines ? x : best), all[0]!);
  const reading = `${count(all.length)} kinds of note over ${count(names.length)} design(s); the most widespread: ${widest.d.name}, "${widest.g.note}" on ${count(widest.g.machines)} machine(s).`;
  const notes = ['Notes are grouped by their text with every number replaced by #; each row shows the first job\'s note as written.'];
  if (all.length > rows.length) notes.push(`${count(all.length - rows.length)} more kinds of note are in the results file.`);
  return figure({ title: 'What the jobs noted', reading, chart: table, notes });
}
