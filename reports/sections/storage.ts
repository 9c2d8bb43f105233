/**
 * Storage and network: logical vs stored bytes day by day, dedupe and data
 * reduction ratios, bytes read, sent and stored, the proxies' holding-area
 * peak, and tape speeds when some design wrote to tape.
 */
import { barChart } from '../charts/bars.js';
import { lineChart } from '../charts/lines.js';
import { byteUnit, bytes, bytesPair, inUnit, ratio, type Unit } from '../format.js';
import type { DesignResult } from '../input-types.js';
import { compareReading } from '../reading.js';
import { tapeFigure } from './tape.js';
import { designLegend, figure, section, type RunView } from './view.js';

const TIMES: Unit = { label: '×', divisor: 1 };

/** Restorable logical bytes / physical bytes over every repository (null when nothing is stored). */
export function dataReduction(r: DesignResult): number | null {
  const phys = r.repositories.reduce((s, x) => s + x.physicalBytes, 0);
  const logical = r.repositories.reduce((s, x) => s + x.restorableLogicalBytes, 0);
  return phys > 0 ? logical / phys : null;
}

export function storageSection(run: RunView): string {
  const ds = run.designs;
  const days = Math.max(1, ...ds.map((d) => d.r.series.storage.length));
  const maxBytes = Math.max(0, ...ds.flatMap((d) => d.r.series.storage.map((s) => s.logicalBytes)));
  const bu = byteUnit(maxBytes);
  const perDay = (d: (typeof ds)[number], pick: (s: DesignResult['series']['storage'][number]) => number) => {
    const v = new Array<number>(days).fill(0);
    for (const s of d.r.series.storage) if (s.day >= 0 && s.day < days) v[s.day] = pick(s);
    return v;
  };
  const growth = lineChart({
    label: 'Logical vs stored bytes over the days',
    chart: 'storage-days',
    bucketSec: 86_400,
    endSec: days * 86_400,
    series: ds.flatMap((d) => [
      { name: `${d.name} stored`, color: d.color, design: d.index, values: perDay(d, (s) => s.storedBytes) },
      { name: `${d.name} logical`, color: d.color, design: d.index, values: perDay(d, (s) => s.logicalBytes), dash: true },
    ]),
    unit: bu,
    axisLabel: `cumulative at the end of each day (${bu.label})`,
    valueText: bytes,
    height: 220,
  });
  const ratios = barChart({
    label: 'Dedupe and data reduction ratios',
    groups: ds.map((d) => ({
      label: d.name,
      bars: [
        { series: 'dedupe', value: d.r.dedupeRatio > 0 ? d.r.dedupeRatio : null, color: d.color, design: d.index },
        { series: 'dedupe + compression', value: dataReduction(d.r), color: '#bab0ac', design: d.index },
      ],
    })),
    unit: TIMES,
    axisLabel: 'logical / physical (×)',
    valueText: ratio,
  });
  const maxTraffic = Math.max(0, ...ds.map((d) => Math.max(d.r.bytes.read, d.r.bytes.sent, d.r.bytes.stored)));
  const tu = byteUnit(maxTraffic);
  const traffic = barChart({
    label: 'Bytes read, sent and stored',
    groups: ds.map((d) => ({
      label: d.name,
      bars: [
        { series: 'read from production', value: d.r.bytes.read, color: '#9c755f', design: d.index },
        { series: 'sent over the network', value: d.r.bytes.sent, color: d.color, design: d.index },
        { series: 'stored', value: d.r.bytes.stored, color: '#bab0ac', design: d.index },
      ],
    })),
    unit: tu,
    axisLabel: `bytes over the run (${tu.label})`,
    valueText: (v) => inUnit(v, tu),
  });
  const hu = byteUnit(Math.max(0, ...ds.map((d) => d.r.holdingAreaPeakBytes.max)));
  const holding = barChart({
    label: 'Proxy holding-area peak',
    groups: ds.map((d) => ({ label: d.name, bars: [{ series: 'holding-area peak', value: d.r.holdingAreaPeakBytes.max, color: d.color, design: d.index, title: `${d.name}: ${d.r.holdingAreaPeakBytes.byProxy.map((p) => `${p.proxy} ${bytes(p.peakBytes)}`).join(', ') || 'no holding area used'}` }] })),
    unit: hu,
    axisLabel: `peak bytes staged on a proxy (${hu.label})`,
    valueText: bytes,
  });
  const stored = ds.map((d) => ({ name: d.name, value: d.r.bytes.stored }));
  const holders = ds.filter((d) => d.r.holdingAreaPeakBytes.max > 0);
  const legendTraffic = [
    { name: 'read from production', color: '#9c755f' },
    { name: 'sent over the network (design colour)', color: ds[0]?.color ?? '#4e79a7' },
    { name: 'stored', color: '#bab0ac' },
  ];
  const body = [
    figure({
      title: 'Logical vs stored bytes',
      reading: compareReading(stored, 'min', 'smallest stored footprint', bytesPair),
      chart: growth,
      legend: [...designLegend(ds).map((l) => ({ ...l, name: `${l.name} stored`, mark: 'line' as const })), { name: 'logical (dashed, same colour)', color: '#57606a', mark: 'dash' as const }],
      // The day-by-day series samples disk repositories only: say so rather than let a tape design read as storing nothing.
      notes: ds.some((d) => d.r.tape !== undefined) ? ['Day by day, only disk repositories are counted; what went to tape is in the tape figure below.'] : [],
    }),
    figure({ title: 'Dedupe and data reduction', reading: compareReading(ds.map((d) => ({ name: d.name, value: d.r.dedupeRatio })), 'max', 'highest dedupe ratio', (a, b) => [ratio(a), ratio(b)]), chart: ratios, legend: [...designLegend(ds).map((l) => ({ ...l, name: `${l.name} dedupe` })), { name: 'dedupe + compression (all repositories)', color: '#bab0ac' }] }),
    figure({ title: 'Network and storage bytes', reading: compareReading(ds.map((d) => ({ name: d.name, value: d.r.bytes.sent })), 'min', 'least network traffic', bytesPair), chart: traffic, legend: legendTraffic }),
    // An all-zero chart says nothing a sentence does not: draw it only when some design staged data.
    holders.length === 0
      ? '<h3>Proxy holding-area peak</h3><p class="note">No design staged backup data in a proxy holding area (only a VCB-style full copy to the proxy needs one).</p>'
      : figure({
          title: 'Proxy holding-area peak',
          reading: compareReading(holders.map((d) => ({ name: d.name, value: d.r.holdingAreaPeakBytes.max })), 'max', 'largest holding-area peak', bytesPair),
          chart: holding,
          legend: designLegend(ds),
        }),
    tapeFigure(ds),
  ];
  return section(`${run.id}-storage`, `${run.label}Storage and network`, body.join(''));
}
