/**
 * Capability and consistency matrices: which platforms each design can
 * protect, which restore kinds it offers, and per platform and application
 * what consistency its newest points reached (or that it left the machines
 * unprotected), plus the list of unprotected machines with the reasons.
 */
import { matrixChart, type MatrixCell } from '../charts/matrix.js';
import { count } from '../format.js';
import { esc } from '../html.js';
import { figure, section, type DesignView, type RunView } from './view.js';
import { machineProfiles } from './machines.js';
import { jobNotesFigure } from './job-notes.js';

const MAX_GROUPS = 40;
const MAX_UNPROTECTED_ROWS = 60;

function union(lists: readonly (readonly string[])[]): string[] {
  const out: string[] = [];
  for (const l of lists) for (const x of l) if (!out.includes(x)) out.push(x);
  return out;
}

interface GroupTally {
  app: number;
  crash: number;
  damaged: number;
  other: number;
  unprotected: number;
}

function groupCell(t: GroupTally | undefined): MatrixCell {
  if (t === undefined) return { text: '–', tone: 'none' };
  const parts: string[] = [];
  if (t.app > 0) parts.push(`${count(t.app)} app-consistent`);
  if (t.crash > 0) parts.push(`${count(t.crash)} crash-consistent`);
  if (t.damaged > 0) parts.push(`${count(t.damaged)} damaged`);
  if (t.other > 0) parts.push(`${count(t.other)} no point`);
  if (t.unprotected > 0) parts.push(`${count(t.unprotected)} unprotected`);
  const tone = t.damaged > 0 || t.unprotected > 0 ? 'bad' : t.crash > 0 || t.other > 0 ? 'warn' : 'good';
  return { text: parts.join(', ') || '–', tone };
}

function consistencyMatrix(run: RunView): { chart: string; groups: number; leftOut: number; rows: { name: string; tallies: (GroupTally | undefined)[] }[] } {
  const profileOf = machineProfiles(run.file.scenario.normalised);
  const keyOf = (m: string) => {
    const p = profileOf(m);
    return `${p.platform} · ${p.application}`;
  };
  const tallies = new Map<string, (GroupTally | undefined)[]>();
  const slot = (key: string, di: number): GroupTally => {
    let row = tallies.get(key);
    if (row === undefined) tallies.set(key, (row = run.designs.map(() => undefined)));
    return (row[di] ??= { app: 0, crash: 0, damaged: 0, other: 0, unprotected: 0 });
  };
  run.designs.forEach((d, di) => {
    for (const c of d.r.consistency) {
      const t = slot(keyOf(c.machine), di);
      if (c.latest === 'application-consistent') t.app++;
      else if (c.latest === 'crash-consistent') t.crash++;
      else if (c.latest === 'damaged') t.damaged++;
      else t.other++;
    }
    for (const u of d.r.unprotected) slot(keyOf(u.machine), di).unprotected++;
  });
  const keys = [...tallies.keys()].sort();
  const rows = keys.slice(0, MAX_GROUPS).map((k) => ({ name: k, tallies: tallies.get(k)! }));
  const chart = matrixChart({
    label: 'Consistency of the newest points per platform and application',
    rowHeader: 'platform · application',
    columns: run.designs.map((d) => ({ name: d.name, design: d.index })),
    rows: rows.map((r) => ({ name: r.name, cells: r.tallies.map(groupCell) })),
  });
  return { chart, groups: keys.length, leftOut: Math.max(0, keys.length - MAX_GROUPS), rows };
}

function unprotectedTable(designs: readonly DesignView[]): string {
  const all = designs.flatMap((d) => d.r.unprotected.map((u) => ({ d, u })));
  if (all.length === 0) return '<p class="note">Every design protects every machine.</p>';
  const rows = all
    .slice(0, MAX_UNPROTECTED_ROWS)
    .map(({ d, u }) => `<tr data-design="${d.index}"><td class="text">${esc(d.name)}</td><td class="text">${esc(u.machine)}</td><td class="text">${esc(u.reason)}</td></tr>`)
    .join('');
  const more = all.length > MAX_UNPROTECTED_ROWS ? `<p class="capped">${count(all.length - MAX_UNPROTECTED_ROWS)} more unprotected machines are not listed.</p>` : '';
  return `<div class="table-wrap"><table class="unprotected"><thead><tr><th class="text">design</th><th class="text">machine</th><th class="text">why it is unprotected</th></tr></thead><tbody>${rows}</tbody></table></div>${more}`;
}

export function capabilitiesSection(run: RunView): string {
  const ds = run.designs;
  const columns = ds.map((d) => ({ name: d.name, design: d.index }));
  const platforms = union(ds.map((d) => d.r.capabilities.platforms));
  const platformChart = matrixChart({
    label: 'Platforms each design can protect',
    rowHeader: 'platform',
    columns,
    rows: platforms.map((p) => ({ name: p, cells: ds.map((d) => (d.r.capabilities.platforms.includes(p) ? { text: 'protects', tone: 'good' as const } : { text: 'cannot', tone: 'bad' as const })) })),
  });
  const kinds = union(ds.map((d) => d.r.capabilities.restores));
  const restoreChart = matrixChart({
    label: 'Restore granularity each design offers',
    rowHeader: 'restore kind',
    columns,
    rows: kinds.map((k) => ({ name: k, cells: ds.map((d) => (d.r.capabilities.restores.includes(k) ? { text: 'yes', tone: 'good' as const } : { text: 'no', tone: 'none' as const })) })),
  });
  const cons = consistencyMatrix(run);
  const broad = ds.map((d) => ({ d, n: d.r.capabilities.platforms.length })).sort((a, b) => b.n - a.n)[0];
  const fine = ds.map((d) => ({ d, n: d.r.capabilities.restores.length })).sort((a, b) => b.n - a.n)[0];
  const crashy = cons.rows.filter((r) => r.tallies.some((t) => t !== undefined && (t.crash > 0 || t.damaged > 0 || t.unprotected > 0)));
  const consReading =
    crashy.length === 0
      ? 'Every protected machine has an application-consistent newest point under every design.'
      : `${crashy.length} of ${cons.groups} platform and application groups are crash-consistent, damaged or unprotected under at least one design (e.g. ${crashy[0]!.name}).`;
  const body = [
    figure({ title: 'Platforms', reading: broad === undefined ? 'No designs.' : `${broad.d.name} covers the most platforms: ${broad.n} of ${platforms.length}.`, chart: platformChart }),
    figure({ title: 'Restore granularity', reading: fine === undefined ? 'No designs.' : `${fine.d.name} offers the most restore kinds: ${fine.n} of ${kinds.length}.`, chart: restoreChart }),
    figure({
      title: 'Consistency per platform and application',
      reading: consReading,
      chart: cons.chart,
      notes: [
        'Counts machines by the consistency of their newest recovery point; app-consistent points hold committed in-memory work, crash-consistent ones need recovery.',
        ...(cons.leftOut > 0 ? [`${cons.leftOut} more groups are not shown.`] : []),
      ],
    }),
    `<h3>Unprotected machines</h3>${unprotectedTable(ds)}`,
    jobNotesFigure(ds),
  ];
  return section(`${run.id}-capabilities`, `${run.label}Capabilities and consistency`, body.join(''));
}
