/**
 * A machine's production workload as demand-capped flows.
 *
 * Application I/O is ONE mixed flow per storage device the machine uses, not
 * separate read and write flows: its route charges each byte the mix's IOPS
 * (readFraction / readIoSize + writeFraction / writeIoSize per byte), so under
 * contention reads and writes slow down together and the mix stays what the
 * application does (a transaction needs both), and a VM counts as one
 * competitor per datastore rather than two. Reads and writes are recovered
 * from the flow by the mix: delivered write bytes = delivered bytes * write
 * fraction. Compute is a second flow, in cycles, over the vCPUs and the host
 * CPU.
 *
 * Flows are open-ended (`sizeBytes: Infinity`) with a rate cap equal to the
 * demand; the demand is base * hourly multiplier * hourly jitter, and a demand
 * clock (demand-clock.ts) changes the caps at hour boundaries, only when the
 * multiplier may change. What the flow actually gets is decided by the fluid
 * model; the gap is the impact.
 */
import type { RandomStream } from '../engine/random.js';
import type { Simulation } from '../engine/simulation.js';
import type { Flow, FlowObserver } from '../flow/network.js';
import type { AppIoPath, Machine } from '../estate/index.js';
import { HOURS_PER_DAY, hourIndexAt } from './hourly-profile.js';
import type { ResolvedWorkload } from './workload-spec.js';

/**
 * Told before the workload's running totals stop following their current
 * rates: a change of demand, a stop, a new rate of one of its flows. Until
 * then `totalsAtInto` gives the totals of any time since the last such
 * change, exactly as `totalsInto` gave them then (impact-meter.ts).
 */
export interface TotalsObserver {
  totalsWillChange(): void;
}

/** Built by `startWorkloads`; a workload built alone follows its profile only under a `startDemandClock`. */
export class Workload implements FlowObserver {
  /** `vm/web-017/workload`. */
  readonly path: string;
  readonly machine: Machine;
  readonly config: ResolvedWorkload;
  readonly ioPaths: readonly AppIoPath[];
  /** One per I/O path, same order. */
  readonly ioFlows: readonly Flow[];
  readonly computeFlow: Flow | null;
  readonly startSec: number;
  /** Infinity while running. */
  private stoppedAt = Infinity;
  /** Current demand multiplier (profile * jitter). */
  private multiplier = 0;
  /**
   * The demands now (I/O bytes/s, CPU cycles/s), kept by `refreshDemand`
   * whenever the multiplier or the stop changes. An impact meter reads them at
   * every change of load on its path, long after this workload's config and
   * machine last sat in cache; fields here spare it those two cold objects.
   */
  private ioDemand = 0;
  private cpuDemand = 0;
  private readonly random: RandomStream;
  private demandedIoAcc = 0;
  private demandedCpuAcc = 0;
  private lastChangeSec: number;
  private readonly observers: TotalsObserver[] = [];

  constructor(
    private readonly sim: Simulation,
    machine: Machine,
    config: ResolvedWorkload,
  ) {
    this.machine = machine;
    this.config = config;
    this.path = `${machine.path}/workload`;
    this.random = sim.stream(this.path);
    this.startSec = sim.now;
    this.lastChangeSec = sim.now;
    this.multiplier = this.factorFor(hourIndexAt(sim.now));
    this.refreshDemand();
    const w = config.weight;
    this.ioPaths = config.ioBytesPerSec > 0 ? machine.appIoPaths(config) : [];
    // Pushed, not mapped: V8's optimized map() makes holey arrays and its unoptimized one packed
    // arrays, and the code summing the flows would be deoptimized whenever the other kind turned up.
    const ioFlows: Flow[] = [];
    for (const p of this.ioPaths) {
      ioFlows.push(sim.transfer({ name: `${machine.path}/io/${p.device}`, sizeBytes: Infinity, route: p.hops, weight: w, rateCapBytesPerSec: this.ioDemandBytesPerSec * p.share }));
    }
    this.ioFlows = ioFlows;
    this.computeFlow =
      config.cpuDemandCores > 0 ? sim.transfer({ name: `${machine.path}/compute`, sizeBytes: Infinity, route: machine.computeHops(), weight: w, rateCapBytesPerSec: this.cpuDemandCyclesPerSec }) : null;
  }

  /** Infinity while running. */
  get stopSec(): number {
    return this.stoppedAt;
  }

  /** Current demand multiplier (profile * jitter). */
  get factor(): number {
    return this.multiplier;
  }

  /** Application I/O demanded now, bytes/s (reads + writes). */
  get ioDemandBytesPerSec(): number {
    return this.ioDemand;
  }

  /** Write demand now, bytes/s: the figure a disk change process can follow. */
  get writeDemandBytesPerSec(): number {
    return this.stopped ? 0 : this.config.writeBytesPerSec * this.factor;
  }

  /** Compute demanded now, cycles/s. */
  get cpuDemandCyclesPerSec(): number {
    return this.cpuDemand;
  }

  get stopped(): boolean {
    return this.stopSec !== Infinity;
  }

  /** I/O bytes demanded from the start up to `tSec` (>= the last demand change, i.e. now or later). */
  demandedIoBytesUntil(tSec: number): number {
    return this.demandedIoAcc + this.ioDemandBytesPerSec * Math.max(0, tSec - this.lastChangeSec);
  }

  demandedCpuCyclesUntil(tSec: number): number {
    return this.demandedCpuAcc + this.cpuDemandCyclesPerSec * Math.max(0, tSec - this.lastChangeSec);
  }

  /** I/O bytes delivered so far (exact at any instant). */
  deliveredIoBytes(): number {
    let sum = 0;
    for (const f of this.ioFlows) sum += f.bytesDone;
    return sum;
  }

  /**
   * The four running totals at `tSec` (>= the last demand change) into
   * `out[at..at+3]`: I/O bytes demanded and delivered, CPU cycles demanded and
   * delivered; the same numbers as demandedIoBytesUntil, deliveredIoBytes,
   * demandedCpuCyclesUntil and deliveredCpuCycles. An impact meter reads them
   * at every change of load on its path, hundreds of thousands of times a
   * run; returning nothing, this call boxes no number even where V8 does not
   * inline it, where four calls returning doubles each allocated one.
   */
  totalsInto(tSec: number, out: Float64Array, at: number): void {
    const elapsed = Math.max(0, tSec - this.lastChangeSec);
    out[at] = this.demandedIoAcc + this.ioDemandBytesPerSec * elapsed;
    this.sim.flows.sumBytesDoneInto(this.ioFlows, out, at + 1);
    out[at + 2] = this.demandedCpuAcc + this.cpuDemandCyclesPerSec * elapsed;
    if (this.computeFlow === null) out[at + 3] = 0;
    else this.sim.flows.bytesDoneInto(this.computeFlow, out, at + 3);
  }

  /**
   * `totalsInto` as it was at `tSec`, a time since the last change of rates
   * or demand: the same numbers, for an observer told of every such change
   * (`observeTotals`).
   */
  totalsAtInto(tSec: number, out: Float64Array, at: number): void {
    const elapsed = Math.max(0, tSec - this.lastChangeSec);
    out[at] = this.demandedIoAcc + this.ioDemandBytesPerSec * elapsed;
    this.sim.flows.sumBytesDoneAtInto(this.ioFlows, tSec, out, at + 1);
    out[at + 2] = this.demandedCpuAcc + this.cpuDemandCyclesPerSec * elapsed;
    if (this.computeFlow === null) out[at + 3] = 0;
    else this.sim.flows.bytesDoneAtInto(this.computeFlow, tSec, out, at + 3);
  }

  /** Tells `observer` before every change of the totals' rates (see TotalsObserver). */
  observeTotals(observer: TotalsObserver): void {
    if (this.observers.length === 0) {
      for (const f of this.ioFlows) f.observe(this);
      this.computeFlow?.observe(this);
    }
    this.observers.push(observer);
  }

  /** @internal a flow of this workload is about to change rate or end. */
  flowWillChange(): void {
    this.totalsWillChange();
  }

  private totalsWillChange(): void {
    const observers = this.observers;
    for (let i = 0; i < observers.length; i++) observers[i]!.totalsWillChange();
  }

  /** Write bytes delivered so far: the delivered I/O times the write fraction of the mix. */
  deliveredWriteBytes(): number {
    return this.deliveredIoBytes() * (1 - this.config.readFraction);
  }

  deliveredCpuCycles(): number {
    return this.computeFlow === null ? 0 : this.computeFlow.bytesDone;
  }

  /** Stops the workload now: its flows end and its demand drops to zero. */
  stop(): void {
    if (this.stopped) return;
    this.totalsWillChange();
    this.closeDemandInterval();
    this.stoppedAt = this.sim.now;
    this.refreshDemand();
    for (const f of this.ioFlows) f.abort('workload stopped');
    this.computeFlow?.abort('workload stopped');
  }

  /**
   * The first hour after `hour` whose demand may differ (null if none ever
   * will): every hour when jittered, else the next change of multiplier.
   */
  nextChangeHour(hour: number): number | null {
    if (this.stopped) return null;
    if (this.config.hourlyJitterSigma > 0) return hour + 1;
    const profile = this.config.profile;
    for (let h = hour + 1; h <= hour + HOURS_PER_DAY; h++) if (profile.atHour(h) !== profile.atHour(hour)) return h;
    return null;
  }

  /** Called by the demand clock at the start of absolute hour `hour`. */
  enterHour(hour: number): void {
    if (this.stopped) return;
    this.setFactor(this.factorFor(hour));
  }

  /** Multiplier of an hour: the profile's, times a mean-1 log-normal draw (one per hour) when jittered. */
  private factorFor(hour: number): number {
    const sigma = this.config.hourlyJitterSigma;
    const jitter = sigma > 0 ? this.random.logNormal(-(sigma * sigma) / 2, sigma) : 1;
    return this.config.profile.atHour(hour) * jitter;
  }

  private setFactor(factor: number): void {
    this.totalsWillChange();
    this.closeDemandInterval();
    this.multiplier = factor;
    this.refreshDemand();
    this.ioFlows.forEach((f, i) => f.setRateCap(this.ioDemandBytesPerSec * this.ioPaths[i]!.share));
    this.computeFlow?.setRateCap(this.cpuDemandCyclesPerSec);
  }

  /** The demand formulas, applied when their inputs change (see `ioDemand`). */
  private refreshDemand(): void {
    this.ioDemand = this.stopped ? 0 : this.config.ioBytesPerSec * this.multiplier;
    this.cpuDemand = this.stopped ? 0 : this.config.cpuDemandCores * this.machine.clockHz * this.multiplier;
  }

  private closeDemandInterval(): void {
    const now = this.sim.now;
    this.demandedIoAcc = this.demandedIoBytesUntil(now);
    this.demandedCpuAcc = this.demandedCpuCyclesUntil(now);
    this.lastChangeSec = now;
  }
}
