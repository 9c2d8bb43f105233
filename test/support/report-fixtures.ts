/**
 * Synthetic results files for the report's tests and benchmark, shaped like
 * the schemaVersion 2 contract (/tmp/contract.md): deterministic (a small
 * seeded LCG, never Math.random), any estate size and run length, and
 * optionally with hostile names (markup in machine, host and design names)
 * to check that the report escapes everything.
 */
import type { DesignResult, DesignSeries, JobBar, RunResultsFile, SweepResultsFile } from '../../reports/input-types.js';

export interface FixtureOptions {
  vms?: number;
  days?: number;
  designs?: number;
  bucketSec?: number;
  seed?: number;
  /** Puts markup into a machine, a host, a design and a resource name. */
  hostile?: boolean;
}

export const HOSTILE = '<img src=x onerror=alert(1)>';
const DAY = 86_400;
const DESIGNS = [
  { name: 'agents-22h', family: 'agent', lanes: 'host', windowH: 3.4, restores: ['vm', 'disk', 'file', 'application-item'], consistency: 'agent-hook' },
  { name: 'proxy-vadp-cbt', family: 'proxy-image', lanes: 'proxy', windowH: 1.2, restores: ['vm', 'disk', 'file', 'instant-recovery', 'virtual-lab', 'verification'], consistency: 'guest-tools' },
  { name: 'near-cdp-15min', family: 'cdp', lanes: 'target', windowH: 17.9, restores: ['vm', 'disk', 'file'], consistency: 'guest-tools' },
  { name: 'proxy-vcb-full', family: 'proxy-image', lanes: 'proxy', windowH: 6.5, restores: ['vm', 'file'], consistency: 'guest-tools' },
] as const;
const PLATFORMS = ['vsphere-3.5', 'vsphere-4', 'hyperv-2008r2', 'hyperv-2016', 'xenserver-5.6', 'xenserver-7.3', 'physical'];

/** A seeded linear congruential generator in [0, 1). */
function lcg(seed: number): () => number {
  let s = (seed >>> 0) || 1;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 4_294_967_296;
  };
}

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

export function machineNames(vms: number, hostile: boolean): string[] {
  const names = Array.from({ length: vms }, (_, i) => `vm/${['fs', 'sql', 'web'][i % 3]}-${String(i + 1).padStart(4, '0')}`);
  if (hostile && names.length > 1) names[1] = `vm/${HOSTILE}`;
  return names;
}

function inWindow(t: number, startH: number, hours: number): boolean {
  const h = ((t % DAY) / 3600 - startH + 24) % 24;
  return h < hours;
}

function buildSeries(o: Required<FixtureOptions>, d: number, names: string[], hosts: string[], rand: () => number): DesignSeries {
  const spec = DESIGNS[d % DESIGNS.length]!;
  const n = Math.ceil((o.days * DAY) / o.bucketSec);
  const busy = (i: number) => inWindow(i * o.bucketSec, 22, Math.min(23, spec.windowH));
  const row = (name: string, scale: number) => ({
    name,
    deliveredRatio: Array.from({ length: n }, (_, i) => round(busy(i) ? 1 - 0.3 * scale * rand() : 1)),
    latencyInflation: Array.from({ length: n }, (_, i) => round(1 + (busy(i) ? 8 * scale * rand() : 0.3 * rand()))),
  });
  const fleet = Array.from({ length: n }, (_, i) => round(1 + (busy(i) ? 2 : 0.1) * rand()));
  const laneNames = spec.lanes === 'host' ? hosts : spec.lanes === 'proxy' ? ['proxy-01', 'proxy-02'] : ['repo-01'];
  if (o.hostile && spec.lanes === 'proxy') laneNames[1] = `proxy-${HOSTILE}`;
  const all: JobBar[] = [];
  for (let day = 0; day < o.days; day++) {
    names.forEach((m, k) => {
      const start = day * DAY + 22 * 3600 + (k / names.length) * spec.windowH * 3600 * 0.8;
      const len = 300 + rand() * 1800;
      all.push({
        machine: m,
        kind: day === 0 ? 'full' : 'incremental',
        lane: laneNames[k % laneNames.length]!,
        laneKind: spec.lanes,
        startSec: round(start, 1),
        endSec: round(start + len, 1),
        state: rand() < 0.02 ? 'failed' : rand() < 0.05 ? 'degraded' : 'done',
        ...(spec.family === 'proxy-image' ? { snapshot: { startSec: round(start, 1), endSec: round(start + len * 0.6, 1) } } : {}),
      });
    });
  }
  const kinds = ['datastore', 'nic', 'cpu', 'target', 'proxy'] as const;
  const resources = Array.from({ length: Math.min(40, 4 + hosts.length * 2) }, (_, i) => {
    const kind = kinds[i % kinds.length]!;
    const name = o.hostile && i === 1 ? `nic-${HOSTILE}` : `${kind}-${String(i).padStart(2, '0')}`;
    const values = Array.from({ length: n }, (_, b) => round(Math.min(1, (busy(b) ? 0.5 + 0.5 * rand() : 0.15 * rand()) * (1 - i / 60))));
    return { resource: name, kind, peak: Math.max(...values), values };
  }).sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.resource < b.resource ? -1 : 1));
  const perDayLogical = names.length * 40e9;
  return {
    bucketSec: o.bucketSec,
    impact: {
      machines: names.slice(0, 8).map((m, i) => row(m, 1 - i / 10)),
      hosts: hosts.slice(0, 8).map((h, i) => row(h, 0.8 - i / 12)),
      fleet: { p50: fleet.map((v) => round(1 + (v - 1) / 3)), p95: fleet, max: fleet.map((v) => round(v * 1.5)) },
    },
    utilisation: resources,
    jobs: all.slice(0, 2000),
    jobsTruncated: Math.max(0, all.length - 2000),
    concurrency: laneNames.map((lane) => ({ lane, laneKind: spec.lanes, values: Array.from({ length: n }, (_, i) => round(busy(i) ? 1 + 3 * rand() : 0, 2)) })),
    storage: Array.from({ length: o.days }, (_, day) => ({
      day,
      logicalBytes: Math.round(perDayLogical * (day + 1)),
      storedBytes: Math.round(perDayLogical * (0.3 + 0.05 * day) / (1 + d)),
      sentBytes: Math.round(perDayLogical * (0.35 + 0.06 * day) / (1 + d / 2)),
      readBytes: Math.round(perDayLogical * (0.5 + 0.1 * day)),
      points: names.length * (day + 1),
    })),
  };
}

export function syntheticDesign(options: FixtureOptions, d: number): DesignResult {
  const o = { vms: 24, days: 3, designs: 3, bucketSec: 600, seed: 1, hostile: false, ...options };
  const rand = lcg(o.seed * 7919 + d);
  const spec = DESIGNS[d % DESIGNS.length]!;
  const names = machineNames(o.vms, o.hostile);
  const hosts = Array.from({ length: Math.max(1, Math.ceil(o.vms / 6)) }, (_, i) => (o.hostile && i === 1 ? `esx-${HOSTILE}` : `esx-${String(i + 1).padStart(2, '0')}`));
  const series = buildSeries(o, d, names, hosts, rand);
  const windows = Array.from({ length: o.days }, (_, night) => {
    const startSec = night * DAY + 22 * 3600;
    const durationSec = round(spec.windowH * 3600 * (0.8 + 0.4 * rand()), 1);
    const bytesRead = Math.round(o.vms * 30e9 * (night === 0 ? 1 : 0.1));
    return { night, startSec, endSec: startSec + durationSec, durationSec, jobs: o.vms, bytesRead, bytesSent: Math.round(bytesRead / 2), readThroughputBytesPerSec: round(bytesRead / durationSec, 1) };
  });
  const meanWindow = windows.reduce((s, w) => s + w.durationSec, 0) / windows.length;
  const last = series.storage[series.storage.length - 1]!;
  const unprotected = spec.family === 'proxy-image' ? [{ machine: 'physical/erp-db', reason: 'A physical server (no hypervisor) has no image snapshot API' }] : [];
  const restore = (kind: string) => {
    const supported = (spec.restores as readonly string[]).includes(kind);
    const t = supported ? round(kind === 'instant-recovery' ? 67.5 : kind === 'file' ? 1.04 : 240 + 60 * d, 2) : 0;
    return { kind, count: 1, done: supported ? 1 : 0, failed: 0, unsupported: supported ? 0 : 1, serviceSec: { mean: t, max: t }, completeSec: { mean: t * 2, max: t * 2 } };
  };
  const label = (i: number) => (spec.family === 'cdp' || (spec.family === 'proxy-image' && i % 3 === 2) ? 'crash-consistent' : 'application-consistent');
  return {
    design: o.hostile && d === 2 ? `cdp-${HOSTILE}` : spec.name,
    family: spec.family,
    capabilities: { family: spec.family, platforms: spec.family === 'proxy-image' ? PLATFORMS.slice(0, 6) : PLATFORMS, targets: ['disk', 'dedupe-appliance'], dedupe: ['none', 'source'], restores: spec.restores, consistency: spec.consistency },
    days: o.days,
    endSec: o.days * DAY,
    jobs: { total: o.vms * o.days, done: o.vms * o.days - 2, degraded: 1, failed: 1, unfinishedAtEnd: 0 },
    windows,
    window: { count: windows.length, durationSec: { mean: round(meanWindow, 1), max: Math.max(...windows.map((w) => w.durationSec)) }, readThroughputBytesPerSec: round(windows[0]!.readThroughputBytesPerSec, 1) },
    impact: {
      bucketSec: o.bucketSec,
      overall: { ioDeliveredRatio: 0.99, cpuDeliveredRatio: 1, latencyInflationMean: 1.3, latencyInflationP95: 1.7 + d },
      duringBackup: { ioDeliveredRatio: round(0.98 - 0.05 * d), cpuDeliveredRatio: 1, latencyInflationMean: 1.4, latencyInflationP95: round(1.58 + 20 * ((d + 2) % 3)) },
      hosts: hosts.slice(0, 8).map((host, i) => ({ host, latencyInflationP95: round(1.7 + i / 10), latencyInflationMax: 87, cpuUtilisationMean: 0.15, cpuUtilisationPeak: 0.3 })),
      worstMachineLatencyInflationP95: 1.74,
    },
    cpuCycles: { guest: d === 0 ? 1.05e14 : 0, host: 1e11, proxy: d === 1 ? 3.7e13 : 0, target: 0 },
    bytes: { read: last.readBytes, sent: last.sentBytes, logical: last.logicalBytes, stored: last.storedBytes },
    dedupeRatio: round(last.logicalBytes / Math.max(1, last.storedBytes)),
    repositories: [{ target: 'repo-01', points: last.points, physicalBytes: last.storedBytes, restorableLogicalBytes: last.logicalBytes, dataReductionRatio: round(last.logicalBytes / Math.max(1, last.storedBytes)) }],
    holdingAreaPeakBytes: { max: d === 3 ? 500e9 : 0, byProxy: d === 3 ? [{ proxy: 'proxy-01', peakBytes: 500e9 }] : [] },
    snapshots: { count: spec.family === 'proxy-image' ? o.vms * o.days : 0, lifetimeSec: { mean: 211, max: 552 } },
    recoveryPoints: {
      total: o.vms * o.days,
      rpoMaxGapSec: spec.family === 'cdp' ? 1596 : 86_416,
      rpoLastPointAgeSecMax: 7196,
      machines: names.map((machine) => ({ machine, points: o.days, maxGapSec: 86_400, lastPointAgeSec: 7196 })),
    },
    consistency: names.map((machine, i) => ({
      machine,
      counts: { 'application-consistent': label(i) === 'application-consistent' ? o.days : 0, 'crash-consistent': label(i) === 'crash-consistent' ? o.days : 0, damaged: 0, unknown: 0 },
      latest: label(i),
    })),
    unprotected,
    restores: ['vm', 'instant-recovery', 'verification', 'file'].map(restore),
    failures: [{ machine: names[1 % names.length]!, kind: 'incremental', startSec: DAY + 22 * 3600, reason: 'snapshot failed on a datastore at capacity' }],
    series,
  };
}

export function syntheticRun(options: FixtureOptions = {}): RunResultsFile {
  const designs = options.designs ?? 3;
  return {
    schemaVersion: 2,
    kind: 'run',
    generator: { name: 'vmbsim', version: '0.1.0' },
    scenario: {
      name: options.hostile ? `default-${HOSTILE}` : 'default',
      title: options.hostile ? `Title ${HOSTILE}` : 'Default estate: agents vs proxy vs near-CDP',
      description: 'A synthetic results file for the report tests.',
      claims: ['Proxy image backup keeps production impact low.', options.hostile ? `claim ${HOSTILE}` : 'Near-CDP gives the best RPO.'],
      normalised: {},
    },
    seed: options.seed ?? 1,
    days: options.days ?? 3,
    designs: Array.from({ length: designs }, (_, d) => syntheticDesign(options, d)),
  };
}

/** A sweep over one parameter and several seeds, with the flat per-design summaries of the contract. */
export function syntheticSweep(options: { seeds?: number; values?: number[]; hostile?: boolean } = {}): SweepResultsFile {
  const seeds = Array.from({ length: options.seeds ?? 5 }, (_, i) => i + 1);
  const values = options.values ?? [2, 4, 8];
  const names = DESIGNS.slice(0, 3).map((d, i) => (options.hostile && i === 2 ? `cdp-${HOSTILE}` : d.name));
  const points = values.map((v) => {
    const runs = seeds.map((seed) => {
      const rand = lcg(seed * 31 + v);
      return {
        seed,
        designs: names.map((design, d) => ({
          design,
          family: DESIGNS[d]!.family,
          backupWindowMeanSec: round(DESIGNS[d]!.windowH * 3600 * (1 + 0.1 * rand()) * (8 / (v + 4)), 1),
          latencyInflationP95DuringBackup: round(1.5 + d * 3 * rand() + v / 4),
          bytesStored: Math.round(2.6e11 * (1 + d) * (1 + 0.05 * rand())),
          rpoMaxGapSec: round(d === 2 ? 1600 * (1 + rand()) : 86_400 + 30 * rand(), 1),
          restoreVmServiceSecMean: round(240 + 10 * rand(), 2),
          unprotectedMachines: d === 1 ? 1 : 0,
        })),
      };
    });
    const aggregate = names.map((design, d) => {
      const metrics: Record<string, { n: number; median: number; ciLow: number; ciHigh: number; min: number; max: number }> = {};
      for (const key of ['backupWindowMeanSec', 'latencyInflationP95DuringBackup', 'bytesStored', 'rpoMaxGapSec', 'restoreVmServiceSecMean', 'unprotectedMachines']) {
        const xs = runs.map((r) => (r.designs[d] as unknown as Record<string, number>)[key]!).sort((a, b) => a - b);
        const mid = xs[Math.floor(xs.length / 2)]!;
        metrics[key] = { n: xs.length, median: mid, ciLow: xs[Math.max(0, Math.floor(xs.length / 2) - 1)]!, ciHigh: xs[Math.min(xs.length - 1, Math.floor(xs.length / 2) + 1)]!, min: xs[0]!, max: xs[xs.length - 1]! };
      }
      return { design, metrics };
    });
    return { assignment: { 'designs.proxy-vadp-cbt.options.concurrency': v }, runs, aggregate };
  });
  return {
    schemaVersion: 2,
    kind: 'sweep',
    generator: { name: 'vmbsim', version: '0.1.0' },
    scenario: { name: 'default', title: 'Proxy concurrency sweep', description: 'Synthetic sweep.', claims: [], normalised: {} },
    seeds,
    vary: [{ key: 'designs.proxy-vadp-cbt.options.concurrency', values }],
    points,
  };
}
