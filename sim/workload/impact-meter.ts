/**
 * The impact accounting of one workload, integrated exactly over time.
 *
 * Between solver events every rate and utilisation is constant, so the meter
 * listens to every resource its workload's flows cross (usage-watch.ts) and,
 * just before any of them changes, closes the interval that ends there: it
 * adds the demanded and delivered I/O and CPU and the time-integral of the
 * latency inflation that held during it, to totals, a bucketed series and a
 * time histogram. The inflation is re-evaluated lazily, once, at the start of
 * the next interval, from the probes (which by then hold the new values).
 */
import type { Simulation } from '../engine/simulation.js';
import { watchUsage, type UsageListener } from '../estate/usage-watch.js';
import { BucketSeries } from './bucket-series.js';
import { IoLatencyModel, SharedInflation, type SharedInflations } from './latency.js';
import { TimeHistogram } from './time-histogram.js';
import type { Workload } from './workload.js';

/** Series channels after channel 0 (observed seconds), in `add` order. */
export const CHANNEL = { demandedIo: 1, deliveredIo: 2, inflation: 3, demandedCpu: 4, deliveredCpu: 5 } as const;
const CHANNELS = 6;

/**
 * Scratch for closing an interval, shared by every meter: closing never nests
 * (nothing it calls closes another meter's interval), and each array is read
 * back before the next close. Each meter used to own three such arrays, but a
 * change of load on a datastore closes the intervals of all its machines'
 * meters, long after their state last sat in cache, and arrays of their own
 * were several more cold cache lines a meter; shared ones stay warm.
 */
const INTERVAL = new Float64Array(CHANNELS + 1);
const SAMPLE = new Float64Array(2);
const RUNNING = new Float64Array(4);

export class ImpactMeter implements UsageListener {
  readonly latency: IoLatencyModel;
  readonly histogram = new TimeHistogram();
  readonly series: BucketSeries;
  readonly startSec: number;
  demandedIoBytes = 0;
  deliveredIoBytes = 0;
  demandedCpuCycles = 0;
  deliveredCpuCycles = 0;
  private lastSec: number;
  private inflation = 1;
  private stale = true;
  /** Evaluates the latency model, shared with the meters whose model is the same. */
  private readonly sharedInflation: SharedInflation;
  private readonly unwatch: () => void;
  // The workload's totals when the meter started: a late meter reports from its own start.
  private readonly demandedIoBase: number;
  private readonly deliveredIoBase: number;
  private readonly demandedCpuBase: number;
  private readonly deliveredCpuBase: number;

  constructor(
    private readonly sim: Simulation,
    readonly workload: Workload,
    bucketSec: number,
    maxBuckets: number,
    /** Where meters of one monitor find a shared evaluation of an identical latency model (none: the meter's own). */
    inflations?: SharedInflations,
  ) {
    this.latency = new IoLatencyModel(workload.ioPaths);
    this.sharedInflation = inflations?.of(this.latency) ?? new SharedInflation(this.latency);
    this.series = new BucketSeries(CHANNELS, bucketSec, maxBuckets);
    this.startSec = sim.now;
    this.lastSec = sim.now;
    this.demandedIoBase = workload.demandedIoBytesUntil(sim.now);
    this.deliveredIoBase = workload.deliveredIoBytes();
    this.demandedCpuBase = workload.demandedCpuCyclesUntil(sim.now);
    this.deliveredCpuBase = workload.deliveredCpuCycles();
    const flowResources = [...workload.ioPaths.flatMap((p) => p.hops), ...(workload.computeFlow === null ? [] : workload.machine.computeHops())].map((h) => h.resource);
    this.unwatch = watchUsage([...flowResources, ...this.latency.resources()], this);
  }

  usageWillChange(tSec: number): void {
    this.advanceTo(tSec);
    this.stale = true;
  }

  /** Latency inflation in force now (after the last change). */
  currentInflation(): number {
    this.refreshInflation();
    return this.inflation;
  }

  /** Updates the `inflation` field; the hot path reads the field, so no call returns a (boxed) double. */
  private refreshInflation(): void {
    if (this.stale) {
      this.sharedInflation.refresh();
      this.inflation = this.sharedInflation.value;
      this.stale = false;
    }
  }

  /**
   * Closes the interval [last, t) with the values that held during it. The
   * workload's totals come through a typed array (Workload.totalsInto): this
   * runs at every change of load on the path, and numbers returned from calls
   * were most of a run's garbage.
   */
  advanceTo(tSec: number): void {
    if (tSec <= this.lastSec) return;
    this.refreshInflation();
    const inflation = this.inflation;
    const running = RUNNING;
    this.workload.totalsInto(tSec, running, 0);
    const demandedIo = running[0]! - this.demandedIoBase;
    const deliveredIo = running[1]! - this.deliveredIoBase;
    const demandedCpu = running[2]! - this.demandedCpuBase;
    const deliveredCpu = running[3]! - this.deliveredCpuBase;
    const dt = tSec - this.lastSec;
    const interval = INTERVAL;
    interval[0] = this.lastSec;
    interval[1] = tSec;
    interval[2] = demandedIo - this.demandedIoBytes;
    interval[3] = deliveredIo - this.deliveredIoBytes;
    interval[4] = inflation * dt;
    interval[5] = demandedCpu - this.demandedCpuCycles;
    interval[6] = deliveredCpu - this.deliveredCpuCycles;
    this.series.addInterval(interval);
    const sample = SAMPLE;
    sample[0] = inflation;
    sample[1] = dt;
    this.histogram.addSample(sample);
    this.demandedIoBytes = demandedIo;
    this.deliveredIoBytes = deliveredIo;
    this.demandedCpuCycles = demandedCpu;
    this.deliveredCpuCycles = deliveredCpu;
    this.lastSec = tSec;
  }

  /** Stops listening (the meter keeps its figures). */
  close(): void {
    this.advanceTo(this.sim.now);
    this.unwatch();
  }
}
