/**
 * Scheduled faults (bit rot on a repository...): what each struck, or why it
 * struck nothing, listed beside the verification results so a reader can
 * match a failed check to the fault that caused it (DOMAIN.md claim 9).
 * Shown only when the scenario scheduled faults.
 */
import { clock, count } from '../format.js';
import { listRow, listTable } from './list-table.js';
import type { FaultRecord } from '../input-types.js';
import { verificationVerdict } from './restores.js';
import { figure, type DesignView } from './view.js';

const COLUMNS = ['design', 'fault', 'machine', 'struck at', 'state', 'restore point', 'target', 'detail'];

function faultRow(d: DesignView, f: FaultRecord): string {
  const cells = [f.kind, f.machine, clock(f.atSec), f.state, f.pointSec === null ? '–' : clock(f.pointSec), f.target ?? '–', f.detail];
  const tone = f.state === 'applied' ? 'bad' : 'none';
  return listRow(d, cells.map((text, i) => ({ text, cls: i === 3 ? tone : 'text' })));
}

/** Per design with faults: how many struck, applied and missed, and its verification verdict beside them. */
export function faultsReading(ds: readonly DesignView[]): string {
  const parts = ds.flatMap((d) => {
    const fs = d.r.faults ?? [];
    if (fs.length === 0) return [];
    const applied = fs.filter((f) => f.state === 'applied').length;
    const v = verificationVerdict(d.r);
    const verified = v.state === 'none' ? '' : `; its verification ${v.text}`;
    return [`${d.name}: ${count(fs.length)} scheduled fault(s), ${count(applied)} applied, ${count(fs.length - applied)} missed${verified}`];
  });
  return `${parts.join('. ')}. An applied fault damaged a stored restore point; a missed one found nothing to damage.`;
}

/** The list of scheduled faults, or '' when there were none. */
export function faultsFigure(ds: readonly DesignView[]): string {
  if (!ds.some((d) => (d.r.faults ?? []).length > 0)) return '';
  const rows = ds.flatMap((d) => (d.r.faults ?? []).map((f) => faultRow(d, f)));
  const struck = ds.filter((d) => (d.r.faults ?? []).length > 0).map((d) => d.name);
  const table = listTable({ cls: 'faults', chart: 'faults', label: 'Scheduled faults', columns: COLUMNS, names: struck, rows });
  return figure({ title: 'Scheduled faults', reading: faultsReading(ds), chart: table, notes: ['Times are simulated and written as in a scenario file (0d 22:00 is 22:00 on the first day); the restore point is the time it represents.'] });
}
