/**
 * Resource utilisation heatmaps per design: datastores, NICs, CPUs, proxies
 * and targets over time (the results keep the 40 busiest; at most 24 rows
 * drawn, by peak).
 */
import { heatLegend, heatmapChart } from '../charts/heatmap.js';
import { percent } from '../format.js';
import { esc } from '../html.js';
import { kindLabel } from '../charts/svg.js';
import { figure, section, type DesignView, type RunView } from './view.js';

const MAX_ROWS = 24;

function designHeatmap(d: DesignView, run: RunView): string {
  const u = d.r.series.utilisation;
  const byPeak = u.map((r, i) => ({ r, i })).sort((a, b) => b.r.peak - a.r.peak || a.i - b.i);
  const keep = new Set(byPeak.slice(0, MAX_ROWS).map((x) => x.i));
  const rows = u.filter((_, i) => keep.has(i)).map((r) => ({ name: r.resource, kind: r.kind, values: r.values }));
  const top = byPeak[0]?.r;
  const saturated = u.filter((r) => r.peak >= 0.95).length;
  const reading =
    top === undefined
      ? `${d.name} recorded no resource utilisation.`
      : `Under ${d.name} the busiest resource is ${kindLabel(top.kind, top.resource)} (peak ${percent(top.peak)}); ${saturated} of ${u.length} resources reach 95% or more.`;
  const notes = u.length > MAX_ROWS ? [`${u.length - MAX_ROWS} less busy resources are not drawn.`] : [];
  return (
    `<h3 data-design="${d.index}">${esc(d.name)}</h3>` +
    figure({
      design: d.index,
      title: `${d.name}: utilisation per resource`,
      reading,
      chart: heatmapChart({ label: `${d.name}: resource utilisation heatmap`, rows, bucketSec: d.r.series.bucketSec, endSec: run.endSec }),
      legend: heatLegend(),
      notes,
    })
  );
}

export function utilisationSection(run: RunView): string {
  return section(
    `${run.id}-utilisation`,
    `${run.label}Resource utilisation`,
    run.designs.map((d) => designHeatmap(d, run)).join(''),
    'Each cell is the highest utilisation in its interval, so short saturation is never averaged away.',
  );
}
