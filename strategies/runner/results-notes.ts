/**
 * What the jobs noted, grouped: a note is a fact a job wants seen (a
 * transport fallback, a CBT reset forcing a full read, a refused memory
 * snapshot, dedupe asked of a tape, time queued for a slot), and on a large
 * estate the same fact recurs on hundreds of jobs with different figures.
 * Notes are grouped by their text with every number blanked (`queued # s for
 * scheduling slots`); each group counts its jobs and machines and keeps the
 * first job's own note as an example.
 */
import type { JobRecord } from '../recorder.js';
import type { JobNoteGroup } from '../results.js';

/** Groups kept in a result, in order of first appearance; the results file bounds them again. */
export const JOB_NOTE_GROUPS_MAX = 1000;

export function jobNoteGroups(jobs: readonly JobRecord[]): JobNoteGroup[] {
  const groups = new Map<string, { group: JobNoteGroup; machines: Set<string> }>();
  for (const j of jobs) {
    // A note repeated within one job counts that job once.
    const seen = new Set<string>();
    for (const text of j.notes) {
      const note = blankNumbers(text);
      if (seen.has(note)) continue;
      seen.add(note);
      let g = groups.get(note);
      if (g === undefined) {
        if (groups.size === JOB_NOTE_GROUPS_MAX) continue;
        g = { group: { note, jobs: 0, machines: 0, kinds: [], first: { machine: j.machine, kind: j.kind, startSec: j.startSec, text } }, machines: new Set() };
        groups.set(note, g);
      }
      g.group.jobs++;
      g.machines.add(j.machine);
      if (!g.group.kinds.includes(j.kind)) g.group.kinds.push(j.kind);
    }
  }
  // Map iteration follows insertion, that is the jobs' order: deterministic.
  return [...groups.values()].map(({ group, machines }) => ({ ...group, machines: machines.size }));
}

/** The note with each number (`12`, `3.5`, `1e9`) as `#`. */
export function blankNumbers(text: string): string {
  return text.replace(/\d+(?:\.\d+)?(?:e[+-]?\d+)?/gi, '#');
}
