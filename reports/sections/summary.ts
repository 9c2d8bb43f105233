/**
 * The summary table: one row per design, one column per headline figure, the
 * best value of each column marked (every row that ties for it). Cells carry
 * their exact value in `data-v`, so the inline script sorts by number.
 */
import { esc } from '../html.js';
import { bytes, duration, fixed, percent, rate, ratio } from '../format.js';
import type { DesignResult } from '../input-types.js';
import type { DesignView } from './view.js';

interface Column {
  label: string;
  /** Which way is better; null: not ranked (text). */
  better: 'min' | 'max' | null;
  value: (r: DesignResult) => number | null;
  text: (r: DesignResult, v: number | null) => string;
  title: string;
}

const orNull = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : x);

/** Share of protected machines whose newest point is application-consistent. */
export function appConsistentShare(r: DesignResult): number | null {
  const withPoint = r.consistency.filter((c) => c.latest !== null);
  return withPoint.length === 0 ? null : withPoint.filter((c) => c.latest === 'application-consistent').length / withPoint.length;
}

/** A restore kind's RTO (service back, mean) when it was delivered; null when unsupported or failed. */
export function restoreSec(r: DesignResult, kind: string): number | null {
  const k = r.restores.find((x) => x.kind === kind);
  return k === undefined || k.done === 0 ? null : orNull(k.serviceSec.mean);
}

function restoreText(r: DesignResult, kind: string, v: number | null): string {
  if (v !== null) return duration(v);
  const k = r.restores.find((x) => x.kind === kind);
  if (k === undefined) return 'not run';
  return k.unsupported > 0 ? 'n/a' : k.failed > 0 ? 'failed' : '–';
}

export function restoreKinds(designs: readonly DesignResult[]): string[] {
  const kinds: string[] = [];
  for (const d of designs) for (const k of d.restores) if (!kinds.includes(k.kind)) kinds.push(k.kind);
  return kinds;
}

function columns(designs: readonly DesignResult[]): Column[] {
  const base: Column[] = [
    { label: 'backup window, mean', better: 'min', value: (r) => orNull(r.window.durationSec.mean), text: (_r, v) => duration(v), title: 'First job start to last job end of a night, mean over nights' },
    { label: 'read throughput', better: 'max', value: (r) => orNull(r.window.readThroughputBytesPerSec), text: (_r, v) => rate(v), title: 'Bytes read from production storage per second of window' },
    { label: 'latency inflation p95 in backup', better: 'min', value: (r) => orNull(r.impact.duringBackup.latencyInflationP95), text: (_r, v) => ratio(v), title: 'Application latency / zero-load latency, p95 over machines while backups ran' },
    { label: 'I/O delivered in backup', better: 'max', value: (r) => orNull(r.impact.duringBackup.ioDeliveredRatio), text: (_r, v) => percent(v), title: 'Delivered / demanded application I/O while backups ran' },
    { label: 'stored', better: 'min', value: (r) => orNull(r.bytes.stored), text: (_r, v) => bytes(v), title: 'Physical bytes stored on the targets' },
    { label: 'sent over network', better: 'min', value: (r) => orNull(r.bytes.sent), text: (_r, v) => bytes(v), title: 'Bytes sent over the network to the targets' },
    { label: 'dedupe ratio', better: 'max', value: (r) => orNull(r.dedupeRatio), text: (_r, v) => ratio(v), title: 'Logical bytes of the points / new physical bytes stored' },
    { label: 'RPO, worst gap', better: 'min', value: (r) => orNull(r.recoveryPoints.rpoMaxGapSec), text: (_r, v) => duration(v), title: 'Longest time between consecutive recovery points, worst machine' },
  ];
  const rto: Column[] = restoreKinds(designs).map((kind) => ({
    label: `RTO ${kind}`,
    better: 'min' as const,
    value: (r: DesignResult) => restoreSec(r, kind),
    text: (r: DesignResult, v: number | null) => restoreText(r, kind, v),
    title: `Restore of kind ${kind}: request to service back, mean`,
  }));
  const tail: Column[] = [
    { label: 'granularity', better: null, value: () => null, text: (r) => r.capabilities.restores.join(', '), title: 'Restore kinds the design offers' },
    { label: 'app-consistent points', better: 'max', value: appConsistentShare, text: (_r, v) => percent(v), title: "Machines whose newest point is application-consistent (of those with a point); the rest are crash-consistent or worse" },
    { label: 'unprotected', better: 'min', value: (r) => r.unprotected.length, text: (_r, v) => fixed(v, 0), title: 'Machines the design cannot protect' },
  ];
  return [...base, ...rto, ...tail];
}

/** The best value of a column, or null when it is unranked or no row has a value. */
function bestOf(col: Column, rows: readonly DesignView[]): number | null {
  if (col.better === null) return null;
  const vals = rows.map((d) => col.value(d.r)).filter((v): v is number => v !== null);
  if (vals.length < 2) return null;
  const best = col.better === 'min' ? Math.min(...vals) : Math.max(...vals);
  // A column where every design ties tells nothing: mark nothing.
  return vals.length === rows.length && vals.every((v) => v === best) ? null : best;
}

export function summaryTable(rows: readonly DesignView[], labelOf: (d: DesignView) => string = (d) => d.name): string {
  const cols = columns(rows.map((d) => d.r));
  const best = cols.map((c) => bestOf(c, rows));
  const head = cols.map((c) => `<th data-sort="${c.better === null ? 'text' : 'num'}" title="${esc(c.title)}${c.better === null ? '' : ` (${c.better === 'min' ? 'lower' : 'higher'} is better)`}">${esc(c.label)}</th>`).join('');
  const body = rows
    .map((d, i) => {
      const cells = cols
        .map((c, ci) => {
          const v = c.value(d.r);
          const isBest = v !== null && best[ci] !== null && v === best[ci];
          const data = c.better === null ? ` data-v="${esc(c.text(d.r, v))}"` : ` data-v="${v === null ? '' : String(v)}"`;
          return `<td${isBest ? ' class="best" title="best in this column"' : c.better === null ? ' class="text"' : ''}${data}>${esc(c.text(d.r, v))}</td>`;
        })
        .join('');
      return `<tr data-design="${d.index}" data-order="${i}"><th class="text" scope="row" data-sort-key="${i}"><span class="swatch" style="background:${d.color}"></span>${esc(labelOf(d))}</th>${cells}</tr>`;
    })
    .join('');
  return (
    `<div class="table-wrap"><table class="sortable summary" data-chart="summary"${` data-series="${esc(JSON.stringify(rows.map(labelOf)))}"`}>` +
    `<thead><tr><th class="text" data-sort="text">design</th>${head}</tr></thead><tbody>${body}</tbody></table></div>`
  );
}
