/**
 * A sweep's report: for each metric, its distribution across seeds per design
 * and grid point (box plots: min-max whiskers, the median's confidence
 * interval as the box, one dot per seed), and the effect of each swept
 * parameter on the median (the other parameters held at their first value).
 */
import { boxplotChart, type BoxRow } from '../charts/boxplot.js';
import { effectChart, type EffectPoint } from '../charts/effect.js';
import { designColor } from '../charts/svg.js';
import { count } from '../format.js';
import { esc } from '../html.js';
import { summaryMetric, type SweepPoint, type SweepResultsFile } from '../input-types.js';
import { metricFormat } from '../metrics.js';
import { compareReading } from '../reading.js';
import { claimsTable } from './overview.js';
import { figure, section } from './view.js';

const MAX_METRICS = 10;
const MAX_BOX_ROWS = 48;
const PREFERRED = ['backupWindowMeanSec', 'readThroughputBytesPerSec', 'latencyInflationP95DuringBackup', 'ioDeliveredRatioDuringBackup', 'bytesSent', 'bytesStored', 'dedupeRatio', 'rpoMaxGapSec', 'restoreVmServiceSecMean', 'instantRecoveryServiceSecMean'];

export function sweepDesigns(file: SweepResultsFile): string[] {
  const out: string[] = [];
  for (const p of file.points) for (const a of p.aggregate) if (!out.includes(a.design)) out.push(a.design);
  return out;
}

export function sweepMetrics(file: SweepResultsFile): string[] {
  const seen: string[] = [];
  for (const p of file.points) for (const a of p.aggregate) for (const k of Object.keys(a.metrics)) if (!seen.includes(k)) seen.push(k);
  const first = PREFERRED.filter((k) => seen.includes(k));
  return [...first, ...seen.filter((k) => !first.includes(k))].slice(0, MAX_METRICS);
}

const shortKey = (key: string) => key.split('.').pop() ?? key;

export function pointLabel(p: SweepPoint): string {
  const parts = Object.entries(p.assignment).map(([k, v]) => `${shortKey(k)}=${String(v)}`);
  return parts.length === 0 ? 'all seeds' : parts.join(', ');
}

function distribution(file: SweepResultsFile, key: string, designs: string[]): string {
  const fmt = metricFormat(key);
  const rows: BoxRow[] = [];
  const single = file.points.length === 1;
  for (const p of file.points) {
    for (const a of p.aggregate) {
      const m = a.metrics[key];
      if (m === undefined || m.n === 0) continue;
      const di = designs.indexOf(a.design);
      const dots = p.runs.map((r) => r.designs.find((d) => d.design === a.design)).map((d) => (d === undefined ? null : summaryMetric(d, key))).filter((v): v is number => v !== null);
      rows.push({ label: single ? a.design : `${a.design} @ ${pointLabel(p)}`, color: designColor(di), design: di, stats: { ...m }, points: dots });
    }
  }
  const kept = rows.slice(0, MAX_BOX_ROWS);
  const unit = fmt.unitFor(Math.max(0, ...kept.map((r) => Math.abs(r.stats.max))));
  const reading =
    fmt.better === null
      ? `${kept.length} distributions of ${fmt.label}.`
      : compareReading(kept.map((r) => ({ name: r.label, value: r.stats.median })), fmt.better, `${fmt.better === 'min' ? 'lowest' : 'highest'} median ${fmt.label}`, fmt.pair, 'distributions');
  const notes = ['Whiskers: min to max over seeds; box: confidence interval of the median; thick tick: median; dots: one per seed. The axis spans the values, not from zero, so a small spread shows: read the tick labels.'];
  if (rows.length > kept.length) notes.push(`${rows.length - kept.length} more distributions are not drawn.`);
  const chart = boxplotChart({ label: `${fmt.label} across seeds`, rows: kept, unit, axisLabel: `${fmt.label} (${unit.label})`, valueText: fmt.text });
  const legend = designs.map((d, i) => ({ name: d, color: designColor(i), design: i }));
  return figure({ title: `${fmt.label}: distribution across seeds`, reading, chart, legend, notes });
}

function effect(file: SweepResultsFile, key: string, designs: string[], vi: number): string | null {
  const v = file.vary[vi]!;
  if (v.values.length < 2) return null;
  const fmt = metricFormat(key);
  const others = file.vary.filter((_, i) => i !== vi);
  const atFirst = (p: SweepPoint) => others.every((o) => p.assignment[o.key] === o.values[0]);
  const series = designs.map((design, di) => ({
    name: design,
    color: designColor(di),
    design: di,
    points: v.values.map((val): EffectPoint | null => {
      const p = file.points.find((q) => q.assignment[v.key] === val && atFirst(q));
      const m = p?.aggregate.find((a) => a.design === design)?.metrics[key];
      return m === undefined || m.n === 0 ? null : { median: m.median, ciLow: m.ciLow, ciHigh: m.ciHigh, n: m.n };
    }),
  }));
  const all = series.flatMap((s) => s.points.filter((p): p is EffectPoint => p !== null));
  if (all.length === 0) return null;
  const unit = fmt.unitFor(Math.max(0, ...all.map((p) => Math.abs(p.ciHigh))));
  const changes = series
    .map((s) => {
      const known = s.points.map((p, i) => ({ p, i })).filter((x) => x.p !== null);
      const a = known[0];
      const b = known[known.length - 1];
      return a === undefined || b === undefined || a === b ? null : { s, a, b, rel: Math.abs(b.p!.median - a.p!.median) / Math.max(1e-12, Math.abs(a.p!.median)) };
    })
    .filter((c): c is NonNullable<typeof c> => c !== null)
    .sort((x, y) => y.rel - x.rel);
  const c = changes[0];
  const [from, to] = c === undefined ? ['', ''] : fmt.pair(c.a.p!.median, c.b.p!.median);
  const reading =
    c === undefined
      ? `Too few grid points to show an effect of ${shortKey(v.key)}.`
      : from === to
        ? `Changing ${shortKey(v.key)} does not move any design's median ${fmt.label} (to the precision shown): ${c.s.name} stays at ${from}.`
        : `Going from ${shortKey(v.key)} = ${String(v.values[c.a.i])} to ${String(v.values[c.b.i])} moves ${c.s.name}'s median ${fmt.label} the most: ${from} to ${to}.`;
  const chart = effectChart({ label: `Effect of ${v.key} on ${fmt.label}`, parameter: v.key, values: v.values.map(String), series, unit, axisLabel: `${fmt.label} (${unit.label})`, valueText: fmt.text });
  const notes = others.length > 0 ? [`Other parameters held at their first value: ${others.map((o) => `${shortKey(o.key)}=${String(o.values[0])}`).join(', ')}.`] : [];
  return figure({ title: `${fmt.label} against ${shortKey(v.key)}`, reading, chart, legend: designs.map((d, i) => ({ name: d, color: designColor(i), design: i, mark: 'line' as const })), notes });
}

export function sweepBody(file: SweepResultsFile): string {
  const designs = sweepDesigns(file);
  const metrics = sweepMetrics(file);
  const vary = file.vary.length === 0 ? 'seeds only' : file.vary.map((v) => `${v.key} in [${v.values.map(String).join(', ')}]`).join('; ');
  const shard = file.shard === undefined ? '' : ` This file is shard ${file.shard.index + 1} of ${file.shard.count}: other grid points are in the other shards.`;
  const head = `<p>${esc(file.scenario.description)}</p><p class="note">${esc(`Sweep of scenario ${file.scenario.name}: ${count(file.seeds.length)} seeds x ${count(file.points.length)} grid points (${vary}); ${file.generator.name} ${file.generator.version}.${shard}`)}</p>${claimsTable(file.scenario.claims)}`;
  const dist = metrics.map((k) => distribution(file, k, designs)).join('');
  const effects = file.vary.flatMap((_, vi) => metrics.map((k) => effect(file, k, designs, vi))).filter((x): x is string => x !== null).join('');
  return [
    head,
    section('sweep-distributions', 'Distributions across seeds', dist),
    effects === '' ? '' : section('sweep-effects', 'Parameter effects', effects),
  ].join('\n');
}
