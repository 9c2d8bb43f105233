/**
 * The impact accounting of one workload, integrated exactly over time.
 *
 * Between solver events every rate and utilisation is constant, so the meter
 * closes an interval at every change of a resource its workload's flows cross
 * or its latency model reads: it adds the demanded and delivered I/O and CPU
 * and the time-integral of the latency inflation that held during it, to
 * totals, a bucketed series and a time histogram.
 *
 * It closes them late, all at once. A night's backups change each datastore
 * thousands of times, and closing a hundred meters' intervals at each change
 * cost a dozen cache misses a meter; yet a meter's own rates rarely move then.
 * So the meter reads the instants of change from its resources' logs
 * (usage-watch.ts) and the inflation of each interval from its model's
 * history (inflation-history.ts) when it must: when its workload's rates or
 * demand are about to change (Workload.observeTotals: the totals of any
 * earlier instant are then still what they were), when someone reads it, and
 * when a log is full. Each interval is closed with the same numbers, in the
 * same order, as at the time.
 */
import type { Simulation } from '../engine/simulation.js';
import { changeLogGeneration, watchUsageLater, type LaterUsageListener, type UsageProbe } from '../estate/usage-watch.js';
import { BucketSeries } from './bucket-series.js';
import { InflationHistory } from './inflation-history.js';
import { IoLatencyModel, SharedInflation, type SharedInflations } from './latency.js';
import { TimeHistogram } from './time-histogram.js';
import type { TotalsObserver, Workload } from './workload.js';

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
const INFLATION = new Float64Array(1);

export class ImpactMeter implements LaterUsageListener, TotalsObserver {
  readonly latency: IoLatencyModel;
  readonly histogram = new TimeHistogram();
  readonly series: BucketSeries;
  readonly startSec: number;
  demandedIoBytes = 0;
  deliveredIoBytes = 0;
  demandedCpuCycles = 0;
  deliveredCpuCycles = 0;
  private lastSec: number;
  /** Evaluates the latency model, shared with the meters whose model is the same. */
  private readonly sharedInflation: SharedInflation;
  private readonly inflations: InflationHistory;
  /** Where in `inflations` the last closed interval was. */
  private inflationAt: number;
  /** The probes whose change logs give the instants to close at, and how far each was read (absolute indices). */
  private readonly probes: UsageProbe[];
  private readonly readTo: Float64Array;
  /** changeLogGeneration() when the logs were last read to their ends. */
  private readAt = -1;
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
    this.inflations = this.sharedInflation.history ??= new InflationHistory(this.sharedInflation, sim.now);
    this.inflations.addReader(this);
    this.inflationAt = this.inflations.end;
    const watched = watchUsageLater([...flowResources, ...this.latency.resources()], this);
    this.probes = watched.probes;
    this.unwatch = watched.unwatch;
    this.readTo = new Float64Array(this.probes.length);
    for (let i = 0; i < this.probes.length; i++) this.readTo[i] = this.probes[i]!.changes.end;
    workload.observeTotals(this);
  }

  /** Latency inflation in force now (after the last change). */
  currentInflation(): number {
    this.sharedInflation.refresh();
    return this.sharedInflation.value;
  }

  totalsWillChange(): void {
    this.catchUp();
  }

  /** Closes an interval at every logged change not yet read, in time order. */
  catchUp(): void {
    // Nothing logged anywhere since the last read (a workload's flows changing at the instant its demand did).
    const generation = changeLogGeneration();
    if (generation === this.readAt) return;
    this.readAt = generation;
    const probes = this.probes;
    const readTo = this.readTo;
    for (;;) {
      let next = Infinity;
      for (let i = 0; i < probes.length; i++) {
        const log = probes[i]!.changes;
        if (readTo[i]! < log.end) next = Math.min(next, log.at(readTo[i]!));
      }
      if (next === Infinity) return;
      for (let i = 0; i < probes.length; i++) {
        const log = probes[i]!.changes;
        while (readTo[i]! < log.end && log.at(readTo[i]!) <= next) readTo[i]!++;
      }
      this.closeAt(next);
    }
  }

  /** Closes every interval up to `tSec` (now or later than every change logged), the last one ending at `tSec`. */
  advanceTo(tSec: number): void {
    this.catchUp();
    this.closeAt(tSec);
  }

  /**
   * Closes the interval [last, t) with the values that held during it. The
   * workload's totals come through a typed array (Workload.totalsAtInto), as
   * does the inflation: numbers returned from calls were most of a run's
   * garbage.
   */
  private closeAt(tSec: number): void {
    if (tSec <= this.lastSec) return;
    this.inflationAt = this.inflations.seek(this.inflationAt, tSec);
    this.inflations.valueInto(this.inflationAt, INFLATION, 0);
    const inflation = INFLATION[0]!;
    const running = RUNNING;
    this.workload.totalsAtInto(tSec, running, 0);
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

  /** Stops listening (the meter keeps its figures; its workload still tells it of changes, which it then ignores). */
  close(): void {
    this.advanceTo(this.sim.now);
    this.unwatch();
    this.probes.length = 0;
  }
}
