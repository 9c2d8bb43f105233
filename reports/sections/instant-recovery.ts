/**
 * Instant recovery as a reader needs it: how soon the VM ran again from its
 * backup (the RTO), how long it ran from the backup before it was back on
 * production storage, how much of the I/O its application demanded the
 * backup delivered meanwhile (the results' `runFromBackup`), and how busy
 * the backup target was in that span. Files written before `runFromBackup`
 * was recorded fall back to the gap between service back and moved back.
 */
import { barChart } from '../charts/bars.js';
import { clock, duration, durationPair, inUnit, percent, timeUnit } from '../format.js';
import type { DesignResult, RestoreKindFigures } from '../input-types.js';
import { compareReading } from '../reading.js';
import { restoreOf } from './restores.js';
import { figure, designLegend, type DesignView } from './view.js';

export const INSTANT_RECOVERY = 'instant-recovery';
const MOVED_BACK_COLOR = '#bab0ac';

type Json = Record<string, unknown>;
const obj = (x: unknown): Json | null => (typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Json) : null);

/** When the first drill of a kind was asked for (seconds), read tolerantly from the normalised scenario; null when absent. */
export function drillAtSec(normalised: unknown, kind: string): number | null {
  const root = obj(normalised);
  const drills = root?.drills ?? obj(root?.world)?.drills;
  if (!Array.isArray(drills)) return null;
  for (const d of drills.map(obj)) {
    const at = d?.at ?? d?.atSec;
    if (d?.kind === kind && typeof at === 'number' && Number.isFinite(at)) return at;
  }
  return null;
}

export interface RunningFromBackup {
  startSec: number;
  endSec: number;
  /** The busiest target resource in that span and its peak utilisation (0..1); null when no target row covers it. */
  busiest: { resource: string; peak: number } | null;
}

/** How long the VM ran from its backup, mean: recorded, or else the gap between service back and moved back. */
export function ranFromBackupSec(k: RestoreKindFigures): number {
  return k.runFromBackup?.ranSec.mean ?? Math.max(0, k.completeSec.mean - k.serviceSec.mean);
}

/** The span the VM ran from its backup (request + service .. request + moved back) and the busiest target in it. */
export function runningFromBackup(r: DesignResult, atSec: number): RunningFromBackup | null {
  const k = restoreOf(r, INSTANT_RECOVERY);
  if (k === undefined || k.done === 0) return null;
  const startSec = atSec + k.serviceSec.mean;
  const endSec = startSec + ranFromBackupSec(k);
  const b = r.series.bucketSec;
  let busiest: RunningFromBackup['busiest'] = null;
  for (const row of r.series.utilisation) {
    if (row.kind !== 'target') continue;
    // Buckets that overlap the span, at least the one holding its start.
    const first = Math.floor(startSec / b);
    const last = Math.max(first, Math.ceil(endSec / b) - 1);
    const peak = Math.max(0, ...row.values.slice(first, last + 1));
    if (busiest === null || peak > busiest.peak) busiest = { resource: row.resource, peak };
  }
  return { startSec, endSec, busiest };
}

function runningText(d: DesignView, atSec: number | null): string | null {
  const k = restoreOf(d.r, INSTANT_RECOVERY);
  if (k === undefined || k.done === 0) return null;
  const ranSec = ranFromBackupSec(k);
  const span = atSec === null ? null : runningFromBackup(d.r, atSec);
  const where = span === null ? '' : ` (${clock(span.startSec)} to ${clock(span.endSec)})`;
  const io = k.runFromBackup === undefined ? '' : `, delivering ${percent(k.runFromBackup.ioDeliveredRatio)} of the I/O its application demanded,`;
  const load = span === null || span.busiest === null ? '' : `; meanwhile ${span.busiest.resource} was up to ${percent(span.busiest.peak)} busy`;
  return `${d.name} ran the VM from its backup for ${duration(ranSec)}${where}${io} before it was back on production storage${load}.`;
}

/** The instant-recovery figure, or '' when no design was asked for one. */
export function instantRecoveryFigure(ds: readonly DesignView[], normalised: unknown): string {
  if (!ds.some((d) => restoreOf(d.r, INSTANT_RECOVERY) !== undefined)) return '';
  const ir = ds.map((d) => ({ d, k: restoreOf(d.r, INSTANT_RECOVERY) })).map((x) => ({ ...x, k: x.k !== undefined && x.k.done > 0 ? x.k : undefined }));
  const u = timeUnit(Math.max(0, ...ir.map((x) => x.k?.completeSec.mean ?? 0)));
  const chart = barChart({
    label: 'Instant recovery: service back vs moved back',
    chart: 'instant-recovery',
    groups: ir.map(({ d, k }) => ({
      label: d.name,
      bars: [
        { series: 'running from the backup (RTO)', value: k?.serviceSec.mean ?? null, color: d.color, design: d.index },
        { series: 'moved back to production', value: k?.completeSec.mean ?? null, color: MOVED_BACK_COLOR, design: d.index },
      ],
    })),
    unit: u,
    axisLabel: `time from request (${u.label})`,
    valueText: (v) => inUnit(v, u),
  });
  const done = ir.filter((x) => x.k !== undefined);
  const atSec = drillAtSec(normalised, INSTANT_RECOVERY);
  const rto = done.length === 0 ? 'No design delivered an instant recovery.' : compareReading(done.map((x) => ({ name: x.d.name, value: x.k!.serviceSec.mean })), 'min', 'fastest instant recovery', durationPair);
  const running = done.map((x) => runningText(x.d, atSec)).filter((t): t is string => t !== null);
  return figure({
    title: 'Instant recovery',
    reading: [rto, ...running].join(' '),
    chart,
    legend: [...designLegend(ds).map((l) => ({ ...l, name: `${l.name}: running from the backup` })), { name: 'moved back to production', color: MOVED_BACK_COLOR }],
    notes: [
      'Times are means over the instant-recovery drills, from the request. Between the two bars the VM runs from the backup target.',
      done.some((x) => x.k!.runFromBackup !== undefined)
        ? 'I/O delivered: the recovered VM’s application I/O served by the backup / demanded, while it ran from it; the backup target’s utilisation in that span shows why.'
        : 'The results do not record the recovered VM’s own I/O while it ran from the backup; the backup target’s utilisation in that span is the nearest measure.',
    ],
  });
}
