/**
 * Recovery: the RPO each design achieved, restore times per kind (RTO),
 * instant recovery (service back vs moved back), and every drill's outcome,
 * verification included.
 */
import { barChart } from '../charts/bars.js';
import { matrixChart, type MatrixCell } from '../charts/matrix.js';
import { duration, durationPair, inUnit, timeUnit } from '../format.js';
import type { DesignResult } from '../input-types.js';
import { compareReading } from '../reading.js';
import { restoreKinds, restoreSec } from './summary.js';
import { designLegend, figure, section, type RunView } from './view.js';

export function drillCell(r: DesignResult, kind: string): MatrixCell {
  const k = r.restores.find((x) => x.kind === kind);
  if (k === undefined) return { text: 'not run', tone: 'none' };
  const tip = `${r.design} ${kind}: ${k.count} asked, ${k.done} done, ${k.failed} failed, ${k.unsupported} unsupported`;
  if (k.done > 0 && k.failed === 0) return { text: `passed ${k.done}/${k.count}, ${duration(k.serviceSec.mean)}`, tone: 'good', title: tip };
  if (k.done > 0) return { text: `${k.done}/${k.count} passed, ${k.failed} failed`, tone: 'warn', title: tip };
  if (k.failed > 0) return { text: `failed ${k.failed}/${k.count}`, tone: 'bad', title: tip };
  return { text: 'not supported', tone: 'none', title: tip };
}

export function recoverySection(run: RunView): string {
  const ds = run.designs;
  const rpo = ds.map((d) => ({ name: d.name, value: d.r.recoveryPoints.rpoMaxGapSec }));
  const ru = timeUnit(Math.max(0, ...rpo.map((x) => x.value ?? 0)));
  const rpoChart = barChart({
    label: 'RPO achieved per design',
    groups: ds.map((d) => ({ label: d.name, bars: [{ series: 'worst gap', value: d.r.recoveryPoints.rpoMaxGapSec, color: d.color, design: d.index, title: `${d.name}: worst gap ${duration(d.r.recoveryPoints.rpoMaxGapSec)}, newest point at most ${duration(d.r.recoveryPoints.rpoLastPointAgeSecMax)} old at the end, ${d.r.recoveryPoints.total} points` }] })),
    unit: ru,
    axisLabel: `longest time between recovery points, worst machine (${ru.label})`,
    valueText: (v) => inUnit(v, ru),
  });
  const kinds = restoreKinds(ds.map((d) => d.r));
  const rtoMax = Math.max(0, ...ds.flatMap((d) => kinds.map((k) => restoreSec(d.r, k) ?? 0)));
  const tu = timeUnit(rtoMax);
  const rtoChart = barChart({
    label: 'Restore time per kind',
    chart: 'restore-times',
    groups: kinds.map((k) => ({ label: k, bars: ds.map((d) => ({ series: d.name, value: restoreSec(d.r, k), color: d.color, design: d.index })) })),
    unit: tu,
    axisLabel: `request to service back, mean (${tu.label})`,
    valueText: (v) => inUnit(v, tu),
  });
  const ir = ds.map((d) => ({ d, k: d.r.restores.find((x) => x.kind === 'instant-recovery' && x.done > 0) }));
  const iu = timeUnit(Math.max(0, ...ir.map((x) => x.k?.completeSec.mean ?? 0)));
  const irChart = barChart({
    label: 'Instant recovery: service back vs moved back',
    chart: 'instant-recovery',
    groups: ir.map(({ d, k }) => ({
      label: d.name,
      bars: [
        { series: 'running from the backup (RTO)', value: k?.serviceSec.mean ?? null, color: d.color, design: d.index },
        { series: 'moved back to production', value: k?.completeSec.mean ?? null, color: '#bab0ac', design: d.index },
      ],
    })),
    unit: iu,
    axisLabel: `time from request (${iu.label})`,
    valueText: (v) => inUnit(v, iu),
  });
  const fastest = kinds.map((k) => compareReading(ds.map((d) => ({ name: d.name, value: restoreSec(d.r, k) })), 'min', `fastest ${k} restore`, durationPair));
  const irDone = ir.filter((x) => x.k !== undefined);
  const drills = matrixChart({
    label: 'Restore drills and verification results',
    rowHeader: 'restore kind',
    columns: ds.map((d) => ({ name: d.name, design: d.index })),
    rows: kinds.map((k) => ({ name: k, cells: ds.map((d) => drillCell(d.r, k)) })),
  });
  const failedDrills = ds.flatMap((d) => d.r.restores.filter((k) => k.failed > 0).map((k) => `${d.name} ${k.kind}`));
  const body = [
    figure({ title: 'RPO achieved', reading: compareReading(rpo, 'min', 'shortest worst-case RPO', durationPair), chart: rpoChart, legend: designLegend(ds) }),
    figure({ title: 'Restore times per kind (RTO)', reading: fastest.join(' '), chart: rtoChart, legend: designLegend(ds), notes: ['n/a: the design cannot deliver this kind of restore.'] }),
    figure({
      title: 'Instant recovery',
      reading: irDone.length === 0 ? 'No design delivered an instant recovery.' : compareReading(irDone.map((x) => ({ name: x.d.name, value: x.k!.serviceSec.mean })), 'min', 'fastest instant recovery', durationPair),
      chart: irChart,
      legend: [...designLegend(ds).map((l) => ({ ...l, name: `${l.name}: running from the backup` })), { name: 'moved back to production', color: '#bab0ac' }],
    }),
    figure({ title: 'Restore drills and verification', reading: failedDrills.length === 0 ? 'No drill failed; unsupported kinds are marked.' : `Failed drills: ${failedDrills.join(', ')}.`, chart: drills }),
  ];
  return section(`${run.id}-recovery`, `${run.label}Recovery`, body.join(''));
}
