/**
 * Job timelines per design: a Gantt of the longest night, one lane per proxy,
 * host or target (overlapping jobs stack, so height is concurrency; the thin
 * green bar under a job is its VM snapshot's lifetime), and the mean number
 * of running jobs per lane over the whole run.
 */
import { schemeTableau10 } from 'd3';
import { ganttChart, SNAPSHOT_COLOR, STATE_COLORS, type GanttLane } from '../charts/gantt.js';
import { lineChart } from '../charts/lines.js';
import { clock, count, duration, fixed } from '../format.js';
import { esc } from '../html.js';
import type { DesignResult, JobBar } from '../input-types.js';
import { kindLabel } from '../charts/svg.js';
import { figure, section, type DesignView, type RunView } from './view.js';

const MAX_LANES = 24;
const MAX_BARS = 500;
const MAX_CONCURRENCY_LINES = 8;
const LANE_ORDER = ['proxy', 'host', 'target'];

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The time span to draw: the longest night that has job bars in the results
 * (the file may keep only the first bars of a long run), with a little margin;
 * else the first day of the jobs' extent.
 */
export function focusSpan(r: DesignResult): { startSec: number; endSec: number; night: number | null } {
  const jobs = r.series.jobs;
  const hasJobs = (w: { startSec: number; endSec: number }) => jobs.some((j) => j.endSec > w.startSec && j.startSec < w.endSec);
  const w = r.windows.filter((x) => x.endSec > x.startSec && hasJobs(x)).reduce<DesignResult['windows'][number] | null>((a, b) => (a === null || b.durationSec > a.durationSec ? b : a), null);
  if (w !== null) {
    const pad = Math.max(300, (w.endSec - w.startSec) * 0.05);
    return { startSec: Math.max(0, w.startSec - pad), endSec: w.endSec + pad, night: w.night };
  }
  if (jobs.length === 0) return { startSec: 0, endSec: Math.max(1, r.endSec), night: null };
  const s = Math.min(...jobs.map((j) => j.startSec));
  return { startSec: s, endSec: Math.max(s + 1, Math.min(s + 86_400, Math.max(...jobs.map((j) => j.endSec)))), night: null };
}

export function lanesOf(jobs: readonly JobBar[]): GanttLane[] {
  const lanes = new Map<string, { name: string; kind: string; bars: JobBar[] }>();
  for (const j of jobs) {
    const key = `${j.laneKind}\u0000${j.lane}`;
    let l = lanes.get(key);
    if (l === undefined) lanes.set(key, (l = { name: j.lane, kind: j.laneKind, bars: [] }));
    l.bars.push(j);
  }
  const rank = (k: string) => (LANE_ORDER.includes(k) ? LANE_ORDER.indexOf(k) : LANE_ORDER.length);
  return [...lanes.values()].sort((a, b) => rank(a.kind) - rank(b.kind) || byName(a.kind, b.kind) || byName(a.name, b.name));
}

function designTimeline(d: DesignView, run: RunView): string {
  const s = d.r.series;
  const span = focusSpan(d.r);
  const inSpan = s.jobs.filter((j) => j.endSec > span.startSec && j.startSec < span.endSec);
  // Only lanes with a job in the span: an estate of 150 hosts has 150 lanes, most idle at any one time.
  const allLanes = lanesOf(inSpan);
  const lanes = allLanes.slice(0, MAX_LANES);
  const g = ganttChart({ label: `${d.name}: job timeline`, lanes, startSec: span.startSec, endSec: span.endSec, maxBars: MAX_BARS });
  const snaps = inSpan.filter((j) => j.snapshot !== undefined).map((j) => j.snapshot!.endSec - j.snapshot!.startSec);
  const busiest = s.concurrency
    .map((c) => ({ lane: c.lane, kind: c.laneKind, peak: Math.max(0, ...c.values) }))
    .sort((a, b) => b.peak - a.peak || byName(a.lane, b.lane));
  const what = span.night === null ? 'the first day of jobs' : `night ${span.night + 1}`;
  const reading =
    inSpan.length === 0
      ? `${d.name} ran no jobs in the drawn span.`
      : `${d.name}, ${what}: ${count(inSpan.length)} jobs on ${allLanes.length} lanes from ${clock(span.startSec)} to ${clock(span.endSec)}` +
        (busiest[0] !== undefined ? `; busiest lane ${kindLabel(busiest[0].kind, busiest[0].lane)} with up to ${fixed(busiest[0].peak, 1)} jobs running on average per interval` : '') +
        (snaps.length > 0 ? `; snapshots held up to ${duration(Math.max(...snaps))}.` : '; no VM snapshots.');
  const notes: string[] = [];
  if (g.leftOut > 0) notes.push(`${count(g.leftOut)} more jobs in this span are not drawn (at most ${MAX_BARS}).`);
  if (allLanes.length > MAX_LANES) notes.push(`${allLanes.length - MAX_LANES} more lanes with jobs in this span are not drawn.`);
  if (s.jobsTruncated > 0) notes.push(`The results file kept ${count(s.jobs.length)} job bars and left out ${count(s.jobsTruncated)}.`);
  const legend = [
    { name: 'job done', color: STATE_COLORS.done! },
    { name: 'degraded', color: STATE_COLORS.degraded! },
    { name: 'failed', color: STATE_COLORS.failed! },
    { name: 'VM snapshot held', color: SNAPSHOT_COLOR },
  ];
  const shown = busiest.slice(0, MAX_CONCURRENCY_LINES).map((b) => b.lane);
  const conc = s.concurrency.filter((c) => shown.includes(c.lane)).map((c, i) => ({ name: kindLabel(c.laneKind, c.lane), color: schemeTableau10[i % 10]!, values: c.values }));
  const concChart = lineChart({
    label: `${d.name}: running jobs per lane`,
    chart: 'concurrency',
    bucketSec: s.bucketSec,
    endSec: run.endSec,
    series: conc,
    unit: { label: 'jobs', divisor: 1 },
    axisLabel: 'running jobs (mean per interval)',
    valueText: (v) => `${fixed(v, 1)} jobs`,
    height: 180,
  });
  return [
    `<h3 data-design="${d.index}">${esc(d.name)}</h3>`,
    figure({ design: d.index, title: `${d.name}: job timeline, ${what}`, reading, chart: g.svg, legend, notes }),
    figure({
      design: d.index,
      title: `${d.name}: concurrency per lane over the run`,
      reading: busiest[0] === undefined ? `${d.name} recorded no concurrency.` : `Peak concurrency is on ${kindLabel(busiest[0].kind, busiest[0].lane)}: ${fixed(busiest[0].peak, 1)} jobs (interval mean).`,
      chart: concChart,
      legend: conc.map((c) => ({ name: c.name, color: c.color, mark: 'line' as const })),
    }),
  ].join('');
}

export function timelineSection(run: RunView): string {
  return section(`${run.id}-timeline`, `${run.label}Job timeline`, run.designs.map((d) => designTimeline(d, run)).join(''));
}
