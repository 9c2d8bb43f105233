/**
 * Results from job records: counts, nightly backup windows and their
 * throughput, CPU and bytes, the ingest dedupe ratio, failures.
 *
 * A night runs from noon to noon, so a job that starts at 22:00 and one that
 * starts at 02:00 the next morning fall in the same window; a night's window
 * is its first job start to its last job end. Zero-length records (a night
 * skipped because the previous job still ran) carry no window time.
 */
import type { BackupRecorder, JobRecord } from '../recorder.js';
import type { BackupWindow, DesignResult, JobCounts, JobFailure, MeanMax } from '../results.js';

const NIGHT_OFFSET_SEC = 12 * 3600;
const SEC_PER_DAY = 86_400;

export function jobCounts(recorder: BackupRecorder): JobCounts {
  const byKind: JobCounts['byKind'] = {};
  let done = 0;
  let degraded = 0;
  let failed = 0;
  let unsupported = 0;
  for (const j of recorder.jobs) {
    byKind[j.kind] = (byKind[j.kind] ?? 0) + 1;
    if (j.outcome.state === 'done') done++;
    else if (j.outcome.state === 'degraded') degraded++;
    else if (j.outcome.state === 'unsupported') unsupported++;
    else failed++;
  }
  const ended = new Set(recorder.jobs.map((j) => `${j.machine}@${j.startSec}`));
  const unfinishedAtEnd = recorder.starts.filter((s) => !ended.has(`${s.machine}@${s.startSec}`)).length;
  return { total: recorder.jobs.length, done, degraded, failed, unsupported, unfinishedAtEnd, byKind };
}

export function nightOf(sec: number): number {
  return Math.floor((sec - NIGHT_OFFSET_SEC) / SEC_PER_DAY);
}

export function backupWindows(jobs: readonly JobRecord[]): BackupWindow[] {
  const byNight = new Map<number, BackupWindow>();
  for (const j of jobs) {
    if (!(j.endSec > j.startSec)) continue;
    const night = nightOf(j.startSec);
    const w = byNight.get(night) ?? { night, startSec: j.startSec, endSec: j.endSec, durationSec: 0, jobs: 0, bytesRead: 0, bytesSent: 0, readThroughputBytesPerSec: 0 };
    w.startSec = Math.min(w.startSec, j.startSec);
    w.endSec = Math.max(w.endSec, j.endSec);
    w.jobs++;
    w.bytesRead += j.bytesRead;
    w.bytesSent += j.bytesSent;
    byNight.set(night, w);
  }
  const out = [...byNight.values()].sort((a, b) => a.night - b.night);
  for (const w of out) {
    w.durationSec = w.endSec - w.startSec;
    w.readThroughputBytesPerSec = w.durationSec > 0 ? w.bytesRead / w.durationSec : 0;
  }
  return out;
}

export function windowSummary(windows: readonly BackupWindow[]): DesignResult['window'] {
  const time = windows.reduce((s, w) => s + w.durationSec, 0);
  const read = windows.reduce((s, w) => s + w.bytesRead, 0);
  return { count: windows.length, durationSec: meanMax(windows.map((w) => w.durationSec)), readThroughputBytesPerSec: time > 0 ? read / time : 0 };
}

export function cpuAndBytes(jobs: readonly JobRecord[]): Pick<DesignResult, 'cpuCycles' | 'bytes' | 'dedupeRatio'> {
  const cpuCycles = { guest: 0, host: 0, proxy: 0, target: 0 };
  const bytes = { read: 0, sent: 0, logical: 0, stored: 0 };
  for (const j of jobs) {
    cpuCycles.guest += j.cpuCycles.guest;
    cpuCycles.host += j.cpuCycles.host;
    cpuCycles.proxy += j.cpuCycles.proxy;
    cpuCycles.target += j.cpuCycles.target;
    bytes.read += j.bytesRead;
    bytes.sent += j.bytesSent;
    bytes.logical += j.bytesLogical;
    bytes.stored += j.bytesStored;
  }
  return { cpuCycles, bytes, dedupeRatio: bytes.stored > 0 ? bytes.logical / bytes.stored : 0 };
}

export function failures(jobs: readonly JobRecord[]): JobFailure[] {
  const out: JobFailure[] = [];
  for (const j of jobs) {
    const o = j.outcome;
    if (o.state === 'failed' || o.state === 'unsupported') out.push({ machine: j.machine, kind: j.kind, startSec: j.startSec, state: o.state, reason: o.reason });
  }
  return out;
}

export function meanMax(values: readonly number[]): MeanMax {
  if (values.length === 0) return { mean: 0, max: 0 };
  let sum = 0;
  let max = -Infinity;
  for (const v of values) {
    sum += v;
    if (v > max) max = v;
  }
  return { mean: sum / values.length, max };
}
