/** The drills' restores as results rows: one per restore, in drill order, each with what it delivered or why not. */
import type { RestoreRecord } from '../recorder.js';
import type { DrillResult } from '../results.js';

export function drillResults(restores: readonly RestoreRecord[]): DrillResult[] {
  // Records arrive as restores finish; a stable sort on the drill index keeps a lab's machines in the order they finished.
  const rows: DrillResult[] = [];
  for (const r of restores) rows.push(drillRow(r));
  return rows.sort((a, b) => a.drill - b.drill);
}

function drillRow(r: RestoreRecord): DrillResult {
  const o = r.outcome;
  return {
    drill: r.drill,
    kind: r.kind,
    machine: r.machine,
    requestedSec: r.requestedSec,
    pointSec: r.pointFound ? r.pointSec : null,
    state: o.state,
    ...(o.state === 'done' ? { verified: o.verified } : {}),
    ...(o.reason === undefined ? {} : { reason: o.reason }),
    serviceSec: r.serviceSec - r.requestedSec,
    completeSec: r.completeSec - r.requestedSec,
    bytesRead: r.bytesRead,
    ...(r.notes === undefined || r.notes.length === 0 ? {} : { notes: [...r.notes] }),
  };
}
