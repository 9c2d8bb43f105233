/**
 * Backup window and throughput per design: mean window, read throughput, and
 * each night's window so a trend (the first full night, weekly fulls) shows.
 */
import { barChart } from '../charts/bars.js';
import { lineChart } from '../charts/lines.js';
import { byteUnit, duration, durationPair, inUnit, rate, timeUnit } from '../format.js';
import { compareReading } from '../reading.js';
import { designLegend, figure, section, type RunView } from './view.js';

export function windowsSection(run: RunView): string {
  const ds = run.designs;
  const maxWin = Math.max(0, ...ds.map((d) => d.r.window.durationSec.max));
  const tu = timeUnit(maxWin);
  const meanChart = barChart({
    label: 'Backup window per design',
    groups: ds.map((d) => ({
      label: d.name,
      bars: [{ series: 'mean window', value: d.r.window.count > 0 ? d.r.window.durationSec.mean : null, color: d.color, design: d.index, title: `${d.name}: mean ${duration(d.r.window.durationSec.mean)}, longest ${duration(d.r.window.durationSec.max)} over ${d.r.window.count} nights` }],
    })),
    unit: tu,
    axisLabel: `backup window, mean over nights (${tu.label})`,
    valueText: (v) => inUnit(v, tu),
  });
  const maxRate = Math.max(0, ...ds.map((d) => d.r.window.readThroughputBytesPerSec));
  const bu = byteUnit(maxRate);
  const rateChart = barChart({
    label: 'Read throughput per design',
    groups: ds.map((d) => ({ label: d.name, bars: [{ series: 'read throughput', value: d.r.window.count > 0 ? d.r.window.readThroughputBytesPerSec : null, color: d.color, design: d.index }] })),
    unit: bu,
    axisLabel: `read from production storage per second of window (${bu.label}/s)`,
    valueText: (v) => rate(v),
  });
  const nights = Math.max(0, ...ds.map((d) => d.r.windows.length));
  const perNight = lineChart({
    label: 'Backup window per night',
    chart: 'window-nights',
    bucketSec: 86_400,
    endSec: Math.max(1, nights) * 86_400,
    series: ds.map((d) => {
      const v = new Array<number>(nights).fill(0);
      for (const w of d.r.windows) if (w.night >= 0 && w.night < nights) v[w.night] = w.durationSec;
      return { name: d.name, color: d.color, design: d.index, values: v };
    }),
    unit: tu,
    axisLabel: `window (${tu.label})`,
    valueText: (v) => inUnit(v, tu),
    zeroIsGap: true,
    height: 200,
  });
  const windowItems = ds.map((d) => ({ name: d.name, value: d.r.window.count > 0 ? d.r.window.durationSec.mean : null }));
  const longestNight = ds
    .flatMap((d) => d.r.windows.map((w) => ({ d: d.name, w })))
    .reduce<{ d: string; w: { night: number; durationSec: number } } | null>((a, b) => (a === null || b.w.durationSec > a.w.durationSec ? b : a), null);
  const body = [
    figure({ title: 'Backup window', reading: compareReading(windowItems, 'min', 'shortest backup window', durationPair), chart: meanChart, legend: designLegend(ds) }),
    figure({ title: 'Read throughput', reading: compareReading(ds.map((d) => ({ name: d.name, value: d.r.window.count > 0 ? d.r.window.readThroughputBytesPerSec : null })), 'max', 'highest read throughput', (a, b) => [rate(a), rate(b)]), chart: rateChart, legend: designLegend(ds) }),
    figure({
      title: 'Backup window per night',
      reading: longestNight === null ? 'No backup window was recorded.' : `The longest night is night ${longestNight.w.night + 1} of ${longestNight.d}: ${duration(longestNight.w.durationSec)}.`,
      chart: perNight,
      legend: designLegend(ds).map((l) => ({ ...l, mark: 'line' as const })),
      notes: ['Each point is one night’s window, drawn at noon of the day the night began (night 1 begins on day 1).'],
    }),
  ];
  return section(`${run.id}-windows`, `${run.label}Backup window and throughput`, body.join(''));
}
