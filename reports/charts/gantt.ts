/**
 * Job timeline (Gantt): one lane per proxy, host or target; inside a lane,
 * jobs that overlap go to separate rows (greedy interval packing), so a
 * lane's height shows its concurrency. A job's VM snapshot lifetime is a thin
 * bar under the job. Only the window [startSec, endSec] is drawn, and at most
 * `maxBars` jobs (the report says how many were left out).
 */
import { scaleLinear } from 'd3';
import { esc } from '../html.js';
import { clock, duration, px } from '../format.js';
import { axisTime } from './axis.js';
import { clip, frame, kindLabel, svgOpen } from './svg.js';

export interface GanttBar {
  machine: string;
  kind: string;
  startSec: number;
  endSec: number;
  state: string;
  snapshot?: { startSec: number; endSec: number };
}

export interface GanttLane {
  name: string;
  kind: string;
  bars: readonly GanttBar[];
}

export interface GanttSpec {
  label: string;
  lanes: readonly GanttLane[];
  startSec: number;
  endSec: number;
  maxRowsPerLane?: number;
  maxBars?: number;
  width?: number;
}

export const STATE_COLORS: Readonly<Record<string, string>> = { done: '#4e79a7', degraded: '#f28e2b', failed: '#e15759' };
export const SNAPSHOT_COLOR = '#59a14f';
const ROW_PX = 12;
const LANE_GAP_PX = 6;

/** Row index per bar (bars sorted by start): the first row free at the bar's start, else the row that frees first. */
export function packRows(bars: readonly GanttBar[], maxRows: number): { rows: number[]; rowCount: number; peak: number } {
  const ends: number[] = [];
  let peak = 0;
  const rows = bars.map((b) => {
    let row = ends.findIndex((e) => e <= b.startSec);
    if (row < 0 && ends.length < maxRows) row = ends.length;
    if (row < 0) row = ends.indexOf(Math.min(...ends));
    ends[row] = b.endSec;
    peak = Math.max(peak, ends.filter((e) => e > b.startSec).length);
    return row;
  });
  return { rows, rowCount: Math.max(1, ends.length), peak };
}

const byStart = (a: GanttBar, b: GanttBar) => a.startSec - b.startSec || a.endSec - b.endSec || (a.machine < b.machine ? -1 : a.machine > b.machine ? 1 : 0);

export function ganttChart(spec: GanttSpec): { svg: string; drawn: number; leftOut: number } {
  const maxRows = spec.maxRowsPerLane ?? 8;
  let budget = spec.maxBars ?? 600;
  let leftOut = 0;
  const lanes = spec.lanes.map((l) => {
    const inWindow = l.bars.filter((b) => b.endSec > spec.startSec && b.startSec < spec.endSec).sort(byStart);
    const kept = inWindow.slice(0, Math.max(0, budget));
    budget -= kept.length;
    leftOut += inWindow.length - kept.length;
    return { ...l, bars: kept, packed: packRows(kept, maxRows) };
  });
  const heightPx = lanes.reduce((h, l) => h + l.packed.rowCount * ROW_PX + LANE_GAP_PX, 0);
  const f = frame(spec.width ?? 960, heightPx + 50, { top: 8, right: 16, bottom: 42, left: 150 });
  const x = scaleLinear().domain([spec.startSec, spec.endSec]).range([0, f.innerWidth]);
  const cx = (t: number) => x(Math.max(spec.startSec, Math.min(spec.endSec, t)));
  const out: string[] = [svgOpen(f, { chart: 'gantt', series: lanes.map((l) => l.name), label: spec.label })];
  out.push(axisTime(x, f));
  out.push(`<g class="marks" transform="translate(${f.margin.left},${f.margin.top})">`);
  let y0 = 0;
  for (const l of lanes) {
    const laneH = l.packed.rowCount * ROW_PX;
    const laneTitle = `${kindLabel(l.kind, l.name)}: ${l.bars.length} jobs drawn, peak concurrency ${l.packed.peak}`;
    out.push(`<g class="lane" data-lane="${esc(l.name)}">`);
    out.push(`<rect x="0" y="${px(y0)}" width="${px(f.innerWidth)}" height="${px(laneH)}" fill="#f6f8fa"/>`);
    out.push(`<text x="-6" y="${px(y0 + laneH / 2)}" dy="0.32em" text-anchor="end"><title>${esc(laneTitle)}</title>${esc(clip(kindLabel(l.kind, l.name), 24))}</text>`);
    l.bars.forEach((b, i) => {
      const yy = y0 + l.packed.rows[i]! * ROW_PX;
      const x0 = cx(b.startSec);
      const w = Math.max(0.6, cx(b.endSec) - x0);
      const tip = `${b.machine} ${b.kind} ${b.state}: ${clock(b.startSec)} to ${clock(b.endSec)} (${duration(b.endSec - b.startSec)})${b.snapshot ? `, snapshot held ${duration(b.snapshot.endSec - b.snapshot.startSec)}` : ''}`;
      out.push(`<rect x="${px(x0)}" y="${px(yy + 1)}" width="${px(w)}" height="7" fill="${STATE_COLORS[b.state] ?? '#8c959f'}"><title>${esc(tip)}</title></rect>`);
      if (b.snapshot) {
        const s0 = cx(b.snapshot.startSec);
        out.push(`<rect class="snapshot" x="${px(s0)}" y="${px(yy + 8.5)}" width="${px(Math.max(0.6, cx(b.snapshot.endSec) - s0))}" height="2" fill="${SNAPSHOT_COLOR}"/>`);
      }
    });
    out.push('</g>');
    y0 += laneH + LANE_GAP_PX;
  }
  out.push('</g></svg>');
  return { svg: out.join(''), drawn: lanes.reduce((n, l) => n + l.bars.length, 0), leftOut };
}
