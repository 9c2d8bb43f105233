/**
 * Tape (DOMAIN.md, tape (LTO)): the speed each design's writes really reached
 * on its drives, set against the drive's native speed, and the backhitches
 * (shoe-shining) it took. A drive fed below its lowest speed step stops and
 * repositions, so a slow feed costs more than its own slowness; a sentence
 * and a table say which design fed its drive well. Drawn only when some
 * design wrote to tape: an empty chart would say nothing.
 */
import { barChart } from '../charts/bars.js';
import { byteUnit, bytes, count, duration, fixed, inUnit, percent, rate } from '../format.js';
import { esc, namesAttr } from '../html.js';
import type { TapeFigures, TapeResults } from '../input-types.js';
import { compareReading } from '../reading.js';
import { designLegend, figure, type DesignView } from './view.js';

const NATIVE_COLOR = '#bab0ac';

type TapeView = DesignView & { tape: TapeResults };

/** The fastest native speed of the drives a design wrote to, bytes/s; null when the file does not say. */
export function nativeSpeed(t: TapeResults): number | null {
  const drives = t.drives ?? [];
  return drives.length === 0 ? null : Math.max(...drives.map((d) => d.nativeBytesPerSec));
}

/** The highest lowest-speed-step of those drives, bytes/s: fed slower, a drive backhitches. */
export function minStreamSpeed(t: TapeResults): number | null {
  const drives = t.drives ?? [];
  return drives.length === 0 ? null : Math.max(...drives.map((d) => d.minStreamBytesPerSec));
}

const rateUnit = (maxBytesPerSec: number) => {
  const u = byteUnit(maxBytesPerSec);
  return { label: `${u.label}/s`, divisor: u.divisor };
};

function speedChart(ts: readonly TapeView[]): string {
  const top = Math.max(0, ...ts.flatMap((d) => [nativeSpeed(d.tape) ?? 0, ...d.tape.byKind.map((k) => k.effectiveBytesPerSec)]));
  const u = rateUnit(top);
  return barChart({
    label: 'Tape effective speed vs native speed',
    chart: 'tape-speed',
    groups: ts.flatMap((d) =>
      d.tape.byKind.map((k) => ({
        label: `${d.name} ${k.kind}`,
        bars: [
          { series: 'effective speed', value: k.effectiveBytesPerSec, color: d.color, design: d.index, title: `${d.name} ${k.kind}: ${rate(k.effectiveBytesPerSec)}, ${count(k.backhitches)} backhitch(es) in ${count(k.jobs)} job(s)` },
          { series: 'drive native speed', value: nativeSpeed(d.tape), color: NATIVE_COLOR, design: d.index },
        ],
      })),
    ),
    unit: u,
    axisLabel: `bytes written / drive time (${u.label})`,
    valueText: (v) => inUnit(v, u),
  });
}

function row(d: TapeView, label: string, f: TapeFigures): string {
  const native = nativeSpeed(d.tape);
  const cells = [
    count(f.jobs),
    bytes(f.bytesWritten),
    duration(f.writeSec),
    rate(f.effectiveBytesPerSec),
    native === null ? '–' : percent(f.effectiveBytesPerSec / native),
    count(f.backhitches),
    duration(f.repositionSec),
    duration(f.stalledSec),
    count(f.cartridgesLoaded),
  ];
  return `<tr data-design="${d.index}"><th class="text" scope="row">${esc(d.name)}</th><td class="text">${esc(label)}</td>${cells.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`;
}

const HEADS = ['design', 'job kind', 'jobs', 'written', 'drive time', 'effective speed', 'of native', 'backhitches', 'repositioning', 'feed stalled', 'cartridges loaded'];

/** Every design's tape figures per job kind, then its total when it wrote more than one kind. */
export function tapeTable(ts: readonly TapeView[]): string {
  const rows = ts.flatMap((d) => [...d.tape.byKind.map((k) => row(d, k.kind, k)), ...(d.tape.byKind.length > 1 ? [row(d, 'all', d.tape.total)] : [])]);
  const head = HEADS.map((h, i) => `<th${i < 2 ? ' class="text"' : ''}>${esc(h)}</th>`).join('');
  return `<div class="table-wrap"><table class="tape" aria-label="Tape figures per design and job kind" data-chart="tape-table"${namesAttr('data-series', ts.map((d) => d.name))}><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

/** The one-line reading: the best and worst effective speed against native, then the backhitches. */
export function tapeReading(ts: readonly TapeView[]): string {
  const speed = compareReading(
    ts.map((d) => ({ name: d.name, value: d.tape.total.effectiveBytesPerSec })),
    'max',
    'highest effective tape speed',
    (a, b) => [rate(a), rate(b)],
  );
  const native = nativeSpeed(ts[0]!.tape);
  const step = minStreamSpeed(ts[0]!.tape);
  const drive = native === null ? '' : ` The drive streams at ${rate(native)}${step === null ? '' : ` and cannot slow below ${rate(step)}: fed slower, it backhitches`}.`;
  const hitches = `Backhitches: ${ts.map((d) => `${d.name} ${count(d.tape.total.backhitches)} (${fixed(d.tape.total.repositionSec, 0)} s repositioning)`).join(', ')}.`;
  return `${speed}${drive} ${hitches}`;
}

/** The tape figure, or '' when no design wrote to tape. */
export function tapeFigure(ds: readonly DesignView[]): string {
  const ts = ds.flatMap((d): TapeView[] => (d.r.tape === undefined ? [] : [{ ...d, tape: d.r.tape }]));
  if (ts.length === 0) return '';
  return figure({
    title: 'Tape: effective speed and backhitches',
    reading: tapeReading(ts),
    chart: speedChart(ts) + tapeTable(ts),
    legend: [...designLegend(ts).map((l) => ({ ...l, name: `${l.name}: effective speed` })), { name: 'drive native speed', color: NATIVE_COLOR }],
    notes: ['Effective speed: bytes written / time spent writing (cartridge loads, backhitches and feed gaps included), per job kind.'],
  });
}
