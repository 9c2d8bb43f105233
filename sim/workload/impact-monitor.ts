/**
 * Impact on production, per machine and per host: the figures later issues
 * compare backup designs on (DESIGN.md, decision 5).
 *
 * For each workload: demanded vs delivered I/O bytes and CPU cycles, and the
 * latency inflation of its application I/O (latency.ts: M/M/1 per stage,
 * rho clamped at 0.99), integrated exactly between solver events, never
 * sampled. Means are over time (an hour of night-time backup weighs as much as
 * an hour of daytime load); p95 is the inflation exceeded 5% of the time.
 *
 *     const workloads = startWorkloads(sim, estate);
 *     const impact = new ImpactMonitor(sim, estate, workloads);
 *     sim.run({ untilSec: 86_400 });
 *     impact.report();      // VmImpact[], one per workload, in estate order
 *     impact.hostReport();  // HostImpact[], one per host
 *     impact.series('vm/web-017');
 */
import { ConfigError, requirePositive } from '../engine/errors.js';
import type { Simulation } from '../engine/simulation.js';
import type { Estate } from '../estate/index.js';
import { CHANNEL, ImpactMeter } from './impact-meter.js';
import { SharedInflations } from './latency.js';
import { TimeHistogram } from './time-histogram.js';
import { UtilisationMeter } from './utilisation-meter.js';
import type { Workload } from './workload.js';

export interface ImpactMonitorOptions {
  /** Width of the per-machine series buckets, seconds. Default 300. */
  bucketSec?: number;
  /** Most buckets a series keeps; past it neighbours merge and the width doubles. Default 720. */
  maxBuckets?: number;
}

export const IMPACT_DEFAULTS = { bucketSec: 300, maxBuckets: 720 } as const;

/** Demanded vs delivered amounts (bytes for I/O, cycles for CPU). */
export interface Throughput {
  demanded: number;
  delivered: number;
  /** delivered / demanded; 1 when nothing was demanded. */
  deliveredRatio: number;
}

/** A quantity's time-mean, 95th percentile over time, and maximum. */
export interface Spread {
  mean: number;
  p95: number;
  max: number;
}

export interface VmImpact {
  /** `vm/web-017` or `physical/db-01`. */
  machine: string;
  kind: 'vm' | 'physical';
  host: string | null;
  fromSec: number;
  toSec: number;
  /** Application I/O, bytes. */
  io: Throughput;
  /** Compute, cycles. */
  cpu: Throughput;
  /** Application I/O latency at zero load, ms. */
  baseLatencyMs: number;
  /** Latency / zero-load latency (1 = no slowdown). */
  latencyInflation: Spread;
  /** Latency, ms (inflation * baseLatencyMs). */
  latencyMs: Spread;
}

export interface HostImpact {
  host: string;
  /** Workloads on the host. */
  machines: number;
  io: Throughput;
  cpu: Throughput;
  /** Pooled over the time of all the host's workloads. */
  latencyInflation: Spread;
  /** The host CPU's utilisation: time-mean and peak. */
  cpuUtilisation: { mean: number; peak: number };
}

/** Per-bucket time-means from time 0 (buckets before the monitor started read 0). */
export interface ImpactSeries {
  machine: string;
  bucketSec: number;
  demandedIoBytesPerSec: number[];
  deliveredIoBytesPerSec: number[];
  latencyInflation: number[];
  demandedCpuCyclesPerSec: number[];
  deliveredCpuCyclesPerSec: number[];
}

export class ImpactMonitor {
  private readonly meters: ImpactMeter[];
  private readonly hostCpu: UtilisationMeter[];
  readonly startSec: number;

  constructor(
    private readonly sim: Simulation,
    private readonly estate: Estate,
    workloads: readonly Workload[],
    options: ImpactMonitorOptions = {},
  ) {
    const bucketSec = requirePositive('impact-monitor', 'bucketSec', options.bucketSec ?? IMPACT_DEFAULTS.bucketSec);
    const maxBuckets = options.maxBuckets ?? IMPACT_DEFAULTS.maxBuckets;
    if (!Number.isSafeInteger(maxBuckets) || maxBuckets < 2 || maxBuckets % 2 !== 0) {
      throw new ConfigError('impact-monitor', 'maxBuckets', maxBuckets, 'be an even whole number >= 2');
    }
    this.startSec = sim.now;
    const inflations = new SharedInflations();
    this.meters = workloads.map((w) => new ImpactMeter(sim, w, bucketSec, maxBuckets, inflations));
    this.hostCpu = estate.hosts.map((h) => new UtilisationMeter(sim, h.cpu));
  }

  // The reports loop over the meters rather than pass arrows to map/filter/find: V8 drops an arrow's
  // optimized code when the arrow dies, so arrows made per call are optimized again in every run.

  /** One entry per workload, in the order given, up to now. */
  report(): VmImpact[] {
    this.catchUp();
    const out: VmImpact[] = [];
    for (const m of this.meters) out.push(machineImpact(m, this.startSec, this.sim.now));
    return out;
  }

  /** One entry per host of the estate, in estate order, up to now. */
  hostReport(): HostImpact[] {
    this.catchUp();
    const out: HostImpact[] = [];
    for (let i = 0; i < this.estate.hosts.length; i++) out.push(this.hostImpact(this.estate.hosts[i]!.name, this.hostCpu[i]!));
    return out;
  }

  private hostImpact(host: string, cpu: UtilisationMeter): HostImpact {
    const pooled = new TimeHistogram();
    let machines = 0;
    let demandedIo = 0;
    let deliveredIo = 0;
    let demandedCpu = 0;
    let deliveredCpu = 0;
    for (const m of this.meters) {
      if (m.workload.machine.hostName !== host) continue;
      machines++;
      pooled.merge(m.histogram);
      demandedIo += m.demandedIoBytes;
      deliveredIo += m.deliveredIoBytes;
      demandedCpu += m.demandedCpuCycles;
      deliveredCpu += m.deliveredCpuCycles;
    }
    return {
      host,
      machines,
      io: throughput(demandedIo, deliveredIo),
      cpu: throughput(demandedCpu, deliveredCpu),
      latencyInflation: spreadOf(pooled, 1),
      cpuUtilisation: { mean: cpu.mean, peak: cpu.peak },
    };
  }

  /** The bucketed series of one machine (`vm/web-017`). */
  series(machinePath: string): ImpactSeries {
    this.catchUp();
    let m: ImpactMeter | undefined;
    for (const x of this.meters) {
      if (x.workload.machine.path !== machinePath) continue;
      m = x;
      break;
    }
    if (m === undefined) throw new ConfigError('impact-monitor', 'machine', machinePath, 'name a machine with a monitored workload');
    const s = m.series;
    return {
      machine: machinePath,
      bucketSec: s.bucketSec,
      demandedIoBytesPerSec: s.means(CHANNEL.demandedIo),
      deliveredIoBytesPerSec: s.means(CHANNEL.deliveredIo),
      latencyInflation: s.means(CHANNEL.inflation),
      demandedCpuCyclesPerSec: s.means(CHANNEL.demandedCpu),
      deliveredCpuCyclesPerSec: s.means(CHANNEL.deliveredCpu),
    };
  }

  /** Settles the network and closes every open interval at the current time. */
  private catchUp(): void {
    this.sim.flows.settle();
    const now = this.sim.now;
    for (const m of this.meters) m.advanceTo(now);
    for (const u of this.hostCpu) u.advanceTo(now);
  }
}

function machineImpact(m: ImpactMeter, fromSec: number, toSec: number): VmImpact {
  const machine = m.workload.machine;
  const base = m.latency.baseLatencyMs;
  const inflation = spreadOf(m.histogram, m.currentInflation());
  return {
    machine: machine.path,
    kind: machine.kind,
    host: machine.hostName,
    fromSec,
    toSec,
    io: throughput(m.demandedIoBytes, m.deliveredIoBytes),
    cpu: throughput(m.demandedCpuCycles, m.deliveredCpuCycles),
    baseLatencyMs: base,
    latencyInflation: inflation,
    latencyMs: { mean: inflation.mean * base, p95: inflation.p95 * base, max: inflation.max * base },
  };
}

/** A histogram's spread; `ifEmpty` stands for all three when no time has passed. */
function spreadOf(h: TimeHistogram, ifEmpty: number): Spread {
  if (!(h.totalSec > 0)) return { mean: ifEmpty, p95: ifEmpty, max: ifEmpty };
  return { mean: h.mean, p95: h.quantile(0.95), max: h.max };
}

function throughput(demanded: number, delivered: number): Throughput {
  return { demanded, delivered, deliveredRatio: demanded > 0 ? delivered / demanded : 1 };
}

