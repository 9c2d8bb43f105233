/**
 * Job series for charts, from the recorder's job records: Gantt bars (whole
 * machines in name order until the bar limit), running jobs per lane per
 * bucket, and cumulative bytes per day.
 */
import type { World } from '../../sim/world/world.js';
import type { JobLane, JobRecord } from '../recorder.js';
import { SERIES_LIMITS, type ConcurrencyRow, type JobBar, type LaneKind, type StorageDay } from '../results-series.js';
import { byName, chartValues, spanSec, topByScore, type SeriesGrid } from './series-buckets.js';

/** Repository figures summed over targets at the end of one day (sampled by the run session). */
export interface RepositoryDay {
  day: number;
  logicalBytes: number;
  storedBytes: number;
  points: number;
}

const LANE_ORDER: readonly LaneKind[] = ['proxy', 'host', 'target'];

/** Seconds to the millisecond: finer than any chart, and short in a file. */
function ms(sec: number): number {
  return Number.isFinite(sec) ? Math.round(sec * 1000) / 1000 : 0;
}

/*
 * The passes over jobs below are loops, and the comparators module-level
 * functions, not arrows made per call: V8 drops an arrow's optimized code when
 * the arrow dies, so an arrow made per call is optimized again in every run.
 */

/** Each job's lane: the one it recorded, else its machine's host (a physical server is its own host). */
export function lanesOf(world: World, jobs: readonly JobRecord[]): JobLane[] {
  const hosts = new Map<string, string | null>();
  for (const m of world.machines) hosts.set(m.path, m.estate.hostName);
  const lanes: JobLane[] = [];
  for (const j of jobs) {
    if (j.lane !== undefined) {
      lanes.push(j.lane);
      continue;
    }
    const host = hosts.get(j.machine) ?? null;
    lanes.push({ kind: 'host', name: host === null ? j.machine : `host/${host}` });
  }
  return lanes;
}

export function jobBars(jobs: readonly JobRecord[], lanes: readonly JobLane[]): { jobs: JobBar[]; jobsTruncated: number } {
  const byMachine = new Map<string, JobBar[]>();
  for (let i = 0; i < jobs.length; i++) {
    const j = jobs[i]!;
    const lane = lanes[i]!;
    const bar: JobBar = { machine: j.machine, kind: j.kind, lane: lane.name, laneKind: lane.kind, startSec: ms(j.startSec), endSec: ms(j.endSec), state: barState(j) };
    if (j.snapshot !== null) bar.snapshot = { startSec: ms(j.snapshot.createdSec), endSec: ms(j.snapshot.deletedSec) };
    const list = byMachine.get(j.machine) ?? [];
    list.push(bar);
    byMachine.set(j.machine, list);
  }
  const out: JobBar[] = [];
  let truncated = 0;
  for (const machine of [...byMachine.keys()].sort(byName)) {
    const bars = byMachine.get(machine)!;
    if (truncated === 0 && out.length + bars.length <= SERIES_LIMITS.jobBars) out.push(...bars);
    else truncated += bars.length;
  }
  out.sort(barOrder);
  return { jobs: out, jobsTruncated: truncated };
}

/** Bars by machine name, then start, end and kind. */
function barOrder(a: JobBar, b: JobBar): number {
  return byName(a.machine, b.machine) || a.startSec - b.startSec || a.endSec - b.endSec || byName(a.kind, b.kind);
}

/** Mean running jobs per bucket for each lane; the lanes with the most job time are kept. */
export function concurrencySeries(jobs: readonly JobRecord[], lanes: readonly JobLane[], grid: SeriesGrid): ConcurrencyRow[] {
  const rows = new Map<string, { lane: string; laneKind: LaneKind; jobSec: number; values: number[] }>();
  for (let i = 0; i < jobs.length; i++) {
    const j = jobs[i]!;
    if (!(j.endSec > j.startSec)) continue;
    const lane = lanes[i]!;
    const key = `${lane.kind}:${lane.name}`;
    const row = rows.get(key) ?? { lane: lane.name, laneKind: lane.kind, jobSec: 0, values: new Array<number>(grid.count).fill(0) };
    rows.set(key, row);
    row.jobSec += j.endSec - j.startSec;
    const last = Math.min(grid.count - 1, Math.floor(j.endSec / grid.bucketSec));
    for (let b = Math.max(0, Math.floor(j.startSec / grid.bucketSec)); b <= last; b++) {
      const overlap = Math.min(j.endSec, (b + 1) * grid.bucketSec, grid.endSec) - Math.max(j.startSec, b * grid.bucketSec);
      if (overlap > 0) row.values[b] = row.values[b]! + overlap / spanSec(grid, b);
    }
  }
  return topByScore([...rows.values()], laneJobSec, laneKey, SERIES_LIMITS.concurrencyLanes)
    .sort(laneOrder)
    .map((r) => ({ lane: r.lane, laneKind: r.laneKind, values: chartValues(r.values) }));
}

interface LaneRow {
  lane: string;
  laneKind: LaneKind;
  jobSec: number;
}

function laneJobSec(r: LaneRow): number {
  return r.jobSec;
}

function laneKey(r: LaneRow): string {
  return `${r.laneKind}:${r.lane}`;
}

/** Lanes by kind (proxies, hosts, targets), then name. */
function laneOrder(a: LaneRow, b: LaneRow): number {
  return LANE_ORDER.indexOf(a.laneKind) - LANE_ORDER.indexOf(b.laneKind) || byName(a.lane, b.lane);
}

/** Per day: the repositories' sampled figures, and bytes read and sent by the jobs ended by the day's end. */
export function storageSeries(jobs: readonly JobRecord[], repoDays: readonly RepositoryDay[]): StorageDay[] {
  const ends = [...jobs].sort(byEndSec);
  let k = 0;
  let readBytes = 0;
  let sentBytes = 0;
  const days: StorageDay[] = [];
  for (const d of repoDays) {
    const dayEndSec = (d.day + 1) * 86_400;
    while (k < ends.length && ends[k]!.endSec <= dayEndSec) {
      readBytes += ends[k]!.bytesRead;
      sentBytes += ends[k]!.bytesSent;
      k++;
    }
    days.push({ day: d.day, logicalBytes: d.logicalBytes, storedBytes: d.storedBytes, sentBytes, readBytes, points: d.points });
  }
  return days;
}

function byEndSec(a: JobRecord, b: JobRecord): number {
  return a.endSec - b.endSec;
}

/** A job the design could not do at all is drawn as failed (the bar has no length; its reason is in the results' failures). */
function barState(j: JobRecord): JobBar['state'] {
  return j.outcome.state === 'unsupported' ? 'failed' : j.outcome.state;
}
