/**
 * Every restore the drills made, one row each: what was asked (drill, kind,
 * machine, when), what it restored (the point's time), how it ended and why.
 * The matrix above counts drills per kind; this list is where a reader finds
 * the reason a drill was not supported or failed (a product without that
 * restore kind, a platform that cannot mount a backup, a time outside a CDP
 * journal...). Shown only when the scenario scheduled drills.
 */
import { bytes, clock, duration } from '../format.js';
import { listRow, listTable } from './list-table.js';
import type { DrillRecord } from '../input-types.js';
import { figure, type DesignView } from './view.js';

const COLUMNS = ['design', 'drill', 'kind', 'machine', 'asked at', 'restore point', 'state', 'service back', 'complete', 'read', 'reason and notes'];
const STATE_COLUMN = 6;

function tone(r: DrillRecord): string {
  if (r.state === 'done') return r.verified === false ? 'none' : 'good';
  return r.state === 'failed' ? 'bad' : 'none';
}

/** Short cells stay on one line, figures align right, and the reason takes the width it needs. */
function cellClass(i: number, r: DrillRecord): string {
  if (i + 1 === STATE_COLUMN) return tone(r);
  if (i === COLUMNS.length - 2) return 'why';
  return i >= STATE_COLUMN ? '' : 'label';
}

function drillRow(d: DesignView, r: DrillRecord): string {
  const done = r.state === 'done';
  const why = [r.reason ?? '', ...(r.notes ?? [])].filter((x) => x !== '').join('; ');
  const cells = [
    `drills[${r.drill}]`,
    r.kind,
    r.machine,
    clock(r.requestedSec),
    r.pointSec === null ? '–' : clock(r.pointSec),
    r.state === 'unsupported' ? 'not supported' : r.state,
    done ? duration(r.serviceSec) : '–',
    done ? duration(r.completeSec) : '–',
    bytes(r.bytesRead),
    why === '' ? '–' : why,
  ];
  return listRow(d, cells.map((text, i) => ({ text, cls: cellClass(i, r) })));
}

/** Per design: its drill restores done, failed and not supported. */
export function drillListReading(ds: readonly DesignView[]): string {
  const parts = ds.flatMap((d) => {
    const rs = d.r.drills ?? [];
    if (rs.length === 0) return [];
    const n = (state: string): number => rs.filter((r) => r.state === state).length;
    return [`${d.name}: ${rs.length} restore(s), ${n('done')} done, ${n('failed')} failed, ${n('unsupported')} not supported`];
  });
  return `${parts.join('. ')}. Each row says why a restore was not done.`;
}

/** The list of drill restores, or '' when no design has any (older results files have none either). */
export function drillListFigure(ds: readonly DesignView[]): string {
  if (!ds.some((d) => (d.r.drills ?? []).length > 0)) return '';
  const rows = ds.flatMap((d) => (d.r.drills ?? []).map((r) => drillRow(d, r)));
  const names = ds.filter((d) => (d.r.drills ?? []).length > 0).map((d) => d.name);
  const table = listTable({ cls: 'drills', chart: 'drill-list', label: 'Drill restores', columns: COLUMNS, names, rows });
  return figure({
    title: 'Drill restores, one by one',
    reading: drillListReading(ds),
    chart: table,
    notes: ['Times are simulated and written as in a scenario file (0d 22:00 is 22:00 on the first day); service back and complete are counted from the request; drills[i] is the scenario\'s i-th drill (from 0), and a lab lists each machine it started.'],
  });
}
