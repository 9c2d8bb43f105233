/**
 * Running from the backup: every restore kind that ran a VM straight from its
 * backup (instant recovery, a virtual lab, a verification boot), how long it
 * ran there and how much of the I/O its application demanded the backup
 * delivered. A deduplicating target rehydrates random reads, so a VM can run
 * from it, but slowly (DOMAIN.md, instant recovery); this table shows how
 * slowly, per design.
 */
import { matrixChart, type MatrixCell } from '../charts/matrix.js';
import { duration, percent } from '../format.js';
import type { DesignResult } from '../input-types.js';
import { compareReading } from '../reading.js';
import { restoreKinds, restoreOf } from './restores.js';
import { figure, type DesignView } from './view.js';

/** Delivered / demanded at or above this reads as "served like production" (rounding of the fluid model aside). */
const SERVED_RATIO = 0.995;

/** The restore kinds some design ran from its backup, in first-seen order. */
export function runFromBackupKinds(designs: readonly DesignResult[]): string[] {
  return restoreKinds(designs).filter((kind) => designs.some((r) => restoreOf(r, kind)?.runFromBackup !== undefined));
}

export function runFromBackupCell(r: DesignResult, kind: string): MatrixCell {
  const run = restoreOf(r, kind)?.runFromBackup;
  if (run === undefined) return { text: '–', tone: 'none' };
  const text = `ran ${duration(run.ranSec.mean)}, I/O delivered ${percent(run.ioDeliveredRatio)}`;
  return { text, tone: run.ioDeliveredRatio >= SERVED_RATIO ? 'good' : 'warn', title: `${r.design} ${kind}: longest run ${duration(run.ranSec.max)}` };
}

/** One kind's reading: a comparison when several designs ran it from the backup, a plain statement when one did. */
function kindReading(ds: readonly DesignView[], kind: string): string {
  const ran = ds.flatMap((d) => {
    const run = restoreOf(d.r, kind)?.runFromBackup;
    return run === undefined ? [] : [{ name: d.name, run }];
  });
  if (ran.length === 1) {
    const { name, run } = ran[0]!;
    return `${name} ran its ${kind} from the backup for ${duration(run.ranSec.mean)}, delivering ${percent(run.ioDeliveredRatio)} of the I/O demanded.`;
  }
  const items = ran.map((x) => ({ name: x.name, value: x.run.ioDeliveredRatio }));
  return compareReading(items, 'max', `highest I/O delivered / demanded while running ${kind} from the backup`, (a, b) => [percent(a), percent(b)]);
}

/** The figure, or '' when no design ran a VM from its backup. */
export function runFromBackupFigure(ds: readonly DesignView[]): string {
  const kinds = runFromBackupKinds(ds.map((d) => d.r));
  if (kinds.length === 0) return '';
  const chart = matrixChart({
    label: 'Running from the backup',
    rowHeader: 'restore kind',
    columns: ds.map((d) => ({ name: d.name, design: d.index })),
    rows: kinds.map((k) => ({ name: k, cells: ds.map((d) => runFromBackupCell(d.r, k)) })),
  });
  const readings = kinds.map((k) => kindReading(ds, k));
  return figure({
    title: 'Running from the backup',
    reading: readings.join(' '),
    chart,
    notes: ['Each cell: mean time the VM ran from its backup, and its application I/O delivered / demanded meanwhile. A verification boot runs no workload, so it demands none and reads 100%.'],
  });
}
