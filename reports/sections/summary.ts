/**
 * The summary: one row per design, one column per headline figure, the best
 * value of each column marked (every row that shows the same value). The columns are
 * split in two tables, backup and production impact, then recovery and
 * protection, so each fits a 1280 px screen and a printed page. Cells carry
 * their exact value in `data-v`, so the inline script sorts by number.
 */
import { esc } from '../html.js';
import { bytes, duration, fixed, percent, rate, ratio } from '../format.js';
import type { DesignResult } from '../input-types.js';
import { missingText, restoreOf, restoreSec, rtoKinds, verificationVerdict } from './restores.js';
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
const tcycles = (_r: DesignResult, v: number | null) => (v === null ? '–' : `${fixed(v / 1e12, 2)} Tcycles`);

/** Share of protected machines whose newest point is application-consistent. */
export function appConsistentShare(r: DesignResult): number | null {
  const withPoint = r.consistency.filter((c) => c.latest !== null);
  return withPoint.length === 0 ? null : withPoint.filter((c) => c.latest === 'application-consistent').length / withPoint.length;
}

const BACKUP_COLUMNS: readonly Column[] = [
  { label: 'backup window, mean', better: 'min', value: (r) => orNull(r.window.durationSec.mean), text: (_r, v) => duration(v), title: 'First job start to last job end of a night, mean over nights' },
  { label: 'read throughput', better: 'max', value: (r) => orNull(r.window.readThroughputBytesPerSec), text: (_r, v) => rate(v), title: 'Bytes read from production storage per second of window' },
  { label: 'latency inflation p95 in backup', better: 'min', value: (r) => orNull(r.impact.duringBackup.latencyInflationP95), text: (_r, v) => ratio(v), title: 'Application latency / zero-load latency, p95 over machines while backups ran' },
  { label: 'I/O delivered in backup', better: 'max', value: (r) => orNull(r.impact.duringBackup.ioDeliveredRatio), text: (_r, v) => percent(v), title: 'Delivered / demanded application I/O while backups ran' },
  { label: 'guest CPU on backup', better: 'min', value: (r) => orNull(r.cpuCycles.guest), text: tcycles, title: 'CPU cycles the backup used inside the guests (Tcycles = 10^12 cycles)' },
  { label: 'host CPU on backup', better: 'min', value: (r) => orNull(r.cpuCycles.host), text: tcycles, title: 'CPU cycles the backup used on the hypervisor hosts (Tcycles = 10^12 cycles)' },
  { label: 'sent over network', better: 'min', value: (r) => orNull(r.bytes.sent), text: (_r, v) => bytes(v), title: 'Bytes sent over the network to the targets' },
  { label: 'stored', better: 'min', value: (r) => orNull(r.bytes.stored), text: (_r, v) => bytes(v), title: 'Physical bytes stored on the targets' },
  { label: 'dedupe ratio', better: 'max', value: (r) => orNull(r.dedupeRatio), text: (_r, v) => ratio(v), title: 'Logical bytes of the points / new physical bytes stored' },
];

function recoveryColumns(designs: readonly DesignResult[]): Column[] {
  const rto: Column[] = rtoKinds(designs).map((kind) => ({
    label: `RTO ${kind}`,
    better: 'min' as const,
    value: (r: DesignResult) => restoreSec(r, kind),
    text: (r: DesignResult, v: number | null) => (v !== null ? duration(v) : missingText(restoreOf(r, kind))),
    title: `Restore of kind ${kind}: request to service back, mean; n/a: the design cannot deliver it`,
  }));
  const verify: Column[] = designs.some((d) => restoreOf(d, 'verification') !== undefined)
    ? [{ label: 'verification', better: null, value: () => null, text: (r) => verificationVerdict(r).text, title: 'Backups booted and tested without a restore: passed / checked' }]
    : [];
  return [
    { label: 'RPO, worst gap', better: 'min', value: (r) => orNull(r.recoveryPoints.rpoMaxGapSec), text: (_r, v) => duration(v), title: 'Longest time between consecutive recovery points, worst machine' },
    ...rto,
    ...verify,
    { label: 'restore granularity', better: null, value: () => null, text: (r) => r.capabilities.restores.join(', '), title: 'Restore kinds the design offers' },
    { label: 'app-consistent points', better: 'max', value: appConsistentShare, text: (_r, v) => percent(v), title: 'Machines whose newest point is application-consistent (of those with a point); the rest are crash-consistent or worse' },
    { label: 'unprotected machines', better: 'min', value: (r) => r.unprotected.length, text: (_r, v) => fixed(v, 0), title: 'Machines the design cannot protect' },
  ];
}

/**
 * The best value of a column as shown (its text), or null when the column is
 * unranked, fewer than two rows have a value, or every row shows the same.
 * Comparing the shown text, not the exact value, keeps the marks honest: two
 * cells that both read "0.00 Tcycles" are both marked, or neither is.
 */
function bestOf(col: Column, rows: readonly DesignView[]): string | null {
  if (col.better === null) return null;
  const known = rows.map((d) => ({ r: d.r, v: col.value(d.r) })).filter((x): x is { r: DesignResult; v: number } => x.v !== null);
  if (known.length < 2) return null;
  const best = known.reduce((a, b) => ((col.better === 'min' ? b.v < a.v : b.v > a.v) ? b : a));
  const bestText = col.text(best.r, best.v);
  // A column where every design ties tells nothing: mark nothing.
  return known.length === rows.length && known.every((x) => col.text(x.r, x.v) === bestText) ? null : bestText;
}

function cell(c: Column, r: DesignResult, bestText: string | null): string {
  const v = c.value(r);
  const text = c.text(r, v);
  const isBest = v !== null && bestText !== null && text === bestText;
  const data = c.better === null ? ` data-v="${esc(text)}"` : ` data-v="${v === null ? '' : String(v)}"`;
  return `<td${isBest ? ' class="best" title="best in this column"' : c.better === null ? ' class="text"' : ''}${data}>${esc(text)}</td>`;
}

function table(cols: readonly Column[], rows: readonly DesignView[], labelOf: (d: DesignView) => string, part: string): string {
  const best = cols.map((c) => bestOf(c, rows));
  const head = cols.map((c) => `<th${c.better === null ? ' class="text"' : ''} data-sort="${c.better === null ? 'text' : 'num'}" title="${esc(c.title)}${c.better === null ? '' : ` (${c.better === 'min' ? 'lower' : 'higher'} is better)`}">${esc(c.label)}</th>`).join('');
  const body = rows
    .map((d, i) => {
      const cells = cols.map((c, ci) => cell(c, d.r, best[ci]!)).join('');
      return `<tr data-design="${d.index}" data-order="${i}"><th class="text" scope="row"><span class="swatch" style="background:${d.color}"></span>${esc(labelOf(d))}</th>${cells}</tr>`;
    })
    .join('');
  return (
    `<div class="table-wrap"><table class="sortable summary summary-${part}" data-chart="summary"${` data-series="${esc(JSON.stringify(rows.map(labelOf)))}"`}>` +
    `<thead><tr><th class="text" data-sort="text">design</th>${head}</tr></thead><tbody>${body}</tbody></table></div>`
  );
}

/** Both summary tables, each under its heading. */
export function summaryTable(rows: readonly DesignView[], labelOf: (d: DesignView) => string = (d) => d.name): string {
  return (
    `<h3>Backup window, production impact, storage and network</h3>${table(BACKUP_COLUMNS, rows, labelOf, 'backup')}` +
    `<h3>Recovery and protection</h3>${table(recoveryColumns(rows.map((d) => d.r)), rows, labelOf, 'recovery')}`
  );
}
