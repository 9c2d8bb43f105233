/**
 * Recovery: the RPO each design achieved, restore times per kind (RTO),
 * instant recovery (service back, time run from the backup, moved back), the
 * I/O a VM got while it ran from its backup, every drill's outcome with the
 * verification verdicts, and the scheduled faults beside them.
 */
import { barChart } from '../charts/bars.js';
import { matrixChart, type MatrixCell } from '../charts/matrix.js';
import { duration, durationPair, inUnit, timeUnit } from '../format.js';
import type { DesignResult } from '../input-types.js';
import { compareReading } from '../reading.js';
import { faultsFigure } from './faults.js';
import { drillListFigure } from './drill-list.js';
import { instantRecoveryFigure } from './instant-recovery.js';
import { runFromBackupFigure } from './run-from-backup.js';
import { restoreKinds, restoreOf, restoreSec, rtoKinds, VERIFICATION, verificationVerdict } from './restores.js';
import { designLegend, figure, section, type DesignView, type RunView } from './view.js';

/** What the two times of a kind mean: service back and done, or for verification, booted and checked. */
function timesText(kind: string, serviceSec: number, completeSec: number): string {
  const [first, second] = kind === VERIFICATION ? ['booted', 'checked'] : ['service back', 'done'];
  const done = completeSec > serviceSec * 1.001 ? `, ${second} ${duration(completeSec)}` : '';
  return `${first} ${duration(serviceSec)}${done}`;
}

export function drillCell(r: DesignResult, kind: string): MatrixCell {
  const k = restoreOf(r, kind);
  if (k === undefined) return { text: 'not run', tone: 'none' };
  const tip = `${r.design} ${kind}: ${k.count} asked, ${k.done} done, ${k.failed} failed, ${k.unsupported} unsupported`;
  const tried = k.done + k.failed;
  if (k.done > 0 && k.failed === 0) return { text: `passed ${k.done}/${tried}: ${timesText(kind, k.serviceSec.mean, k.completeSec.mean)}`, tone: 'good', title: tip };
  if (k.done > 0) return { text: `${k.done}/${tried} passed, ${k.failed} failed`, tone: 'warn', title: tip };
  if (k.failed > 0) return { text: `failed ${k.failed}/${tried}`, tone: 'bad', title: tip };
  return { text: 'not supported', tone: 'none', title: tip };
}

function rtoFigure(ds: readonly DesignView[]): string {
  const kinds = rtoKinds(ds.map((d) => d.r));
  if (kinds.length === 0) return '';
  const tu = timeUnit(Math.max(0, ...ds.flatMap((d) => kinds.map((k) => restoreSec(d.r, k) ?? 0))));
  const chart = barChart({
    label: 'Restore time per kind',
    chart: 'restore-times',
    groups: kinds.map((k) => ({ label: k, bars: ds.map((d) => ({ series: d.name, value: restoreSec(d.r, k), color: d.color, design: d.index })) })),
    unit: tu,
    axisLabel: `request to service back, mean (${tu.label})`,
    valueText: (v) => inUnit(v, tu),
  });
  const fastest = kinds.map((k) => compareReading(ds.map((d) => ({ name: d.name, value: restoreSec(d.r, k) })), 'min', `fastest ${k} restore`, durationPair));
  return figure({ title: 'Restore times per kind (RTO)', reading: fastest.join(' '), chart, legend: designLegend(ds), notes: ['n/a: the design cannot deliver this kind of restore.'] });
}

/** Which designs verified their backups, and which cannot verify without a restore. */
function verificationReading(ds: readonly DesignView[]): string {
  if (!ds.some((d) => restoreOf(d.r, VERIFICATION) !== undefined)) return '';
  const verdicts = ds.map((d) => ({ d, v: verificationVerdict(d.r) }));
  const tried = verdicts.filter((x) => x.v.state !== 'none').map((x) => `${x.d.name} ${x.v.text}`);
  const cannot = verdicts.filter((x) => x.v.text === 'n/a').map((x) => x.d.name);
  const parts = [tried.length === 0 ? 'No design verified a backup.' : `Verification without a restore: ${tried.join('; ')}.`];
  if (cannot.length > 0) parts.push(`${cannot.join(', ')} cannot verify a backup without restoring it.`);
  return parts.join(' ');
}

function drillsFigure(ds: readonly DesignView[]): string {
  const kinds = restoreKinds(ds.map((d) => d.r));
  const chart = matrixChart({
    label: 'Restore drills and verification results',
    rowHeader: 'restore kind',
    columns: ds.map((d) => ({ name: d.name, design: d.index })),
    rows: kinds.map((k) => ({ name: k, cells: ds.map((d) => drillCell(d.r, k)) })),
  });
  const failed = ds.flatMap((d) => d.r.restores.filter((k) => k.failed > 0).map((k) => `${d.name} ${k.kind}`));
  const outcome = failed.length === 0 ? 'No drill failed; kinds a design cannot deliver are marked not supported.' : `Failed drills: ${failed.join(', ')}.`;
  const reading = [outcome, verificationReading(ds)].filter((x) => x !== '').join(' ');
  return figure({ title: 'Restore drills and verification', reading, chart, notes: ['Each cell: drills passed / tried, then the mean times from the request.'] });
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
  const drilled = restoreKinds(ds.map((d) => d.r)).length > 0;
  const body = [
    figure({ title: 'RPO achieved', reading: compareReading(rpo, 'min', 'shortest worst-case RPO', durationPair), chart: rpoChart, legend: designLegend(ds) }),
    ...(drilled
      ? [rtoFigure(ds), instantRecoveryFigure(ds, run.file.scenario.normalised), runFromBackupFigure(ds), drillsFigure(ds), drillListFigure(ds)]
      : ['<p class="note">The scenario asks for no restore drills, so there are no restore times to compare.</p>']),
    faultsFigure(ds),
  ];
  return section(`${run.id}-recovery`, `${run.label}Recovery`, body.join(''));
}
