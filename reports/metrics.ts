/**
 * How to show a flat sweep metric, read from its key's unit suffix
 * (`...Sec`, `...BytesPerSec`, `bytes...`, `...Ratio`, `...Cycles`): its axis
 * unit, its value text, a readable label and which way is better.
 */
import { byteUnit, bytes, bytesPair, count, durationPair, fixed, percent, rate, ratio, timeUnit, inUnit, type Unit } from './format.js';

export interface MetricFormat {
  label: string;
  unitFor: (maxValue: number) => Unit;
  text: (v: number) => string;
  /** Two values in one unit, for a reading that compares them. */
  pair: (a: number, b: number) => [string, string];
  better: 'min' | 'max' | null;
}

const LABELS: Record<string, string> = {
  backupWindowMeanSec: 'backup window, mean',
  readThroughputBytesPerSec: 'read throughput',
  latencyInflationP95DuringBackup: 'latency inflation p95 during backup',
  ioDeliveredRatioDuringBackup: 'I/O delivered during backup',
  bytesRead: 'bytes read',
  bytesSent: 'bytes sent',
  bytesStored: 'bytes stored',
  dedupeRatio: 'dedupe ratio',
  rpoMaxGapSec: 'RPO, worst gap',
  restoreVmServiceSecMean: 'full VM restore RTO',
  instantRecoveryServiceSecMean: 'instant recovery RTO',
  fileRestoreCompleteSecMean: 'file restore time',
  hostCpuCycles: 'host CPU on backup',
  guestCpuCycles: 'guest CPU on backup',
  unprotectedMachines: 'unprotected machines',
  failedJobs: 'failed jobs',
};

const HIGHER_IS_BETTER = new Set(['readThroughputBytesPerSec', 'ioDeliveredRatioDuringBackup', 'dedupeRatio']);

/** `camelCaseKey` as words, for keys without a label. */
function words(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

export function metricFormat(key: string): MetricFormat {
  const f = rawFormat(key);
  const pair = /Sec(Mean|Max)?$/.test(key) && !/PerSec$/.test(key) ? durationPair : /^bytes|Bytes$/.test(key) ? bytesPair : (a: number, b: number): [string, string] => [f.text(a), f.text(b)];
  return { ...f, pair };
}

function rawFormat(key: string): Omit<MetricFormat, 'pair'> {
  const label = LABELS[key] ?? words(key);
  const better = HIGHER_IS_BETTER.has(key) ? 'max' : key in LABELS ? 'min' : null;
  const times: Unit = { label: '×', divisor: 1 };
  if (/BytesPerSec$/.test(key)) return { label, better, unitFor: (m) => ({ ...byteUnit(m), label: `${byteUnit(m).label}/s` }), text: rate };
  if (/Sec(Mean|Max)?$/.test(key)) return { label, better, unitFor: timeUnit, text: (v) => inUnit(v, timeUnit(v)) };
  if (/^bytes|Bytes$/.test(key)) return { label, better, unitFor: byteUnit, text: bytes };
  if (/DeliveredRatio/.test(key)) return { label, better, unitFor: () => ({ label: '%', divisor: 0.01 }), text: percent };
  if (/Ratio|Inflation/.test(key)) return { label, better, unitFor: () => times, text: ratio };
  if (/Cycles$/.test(key)) return { label, better, unitFor: () => ({ label: 'Tcycles', divisor: 1e12 }), text: (v) => `${fixed(v / 1e12, 2)} Tcycles` };
  return { label, better, unitFor: () => ({ label: 'count', divisor: 1 }), text: (v) => (Number.isInteger(v) ? count(v) : fixed(v, 2)) };
}
