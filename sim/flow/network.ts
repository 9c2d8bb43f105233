/**
 * The fluid flow network: resources with capacities, and transfers (flows)
 * that consume several resources at once at weighted max-min fair rates.
 *
 * Every transfer in the simulation, an application's I/O, a backup stream, a
 * restore, a CDP journal stream, is a `Flow` here (DESIGN.md, decision 4).
 * Rates are recomputed by the incremental solver in `maxmin.ts` only when
 * something changed, and only once per instant however many changes that
 * instant brought (the network is "settled" before simulated time advances).
 * Each flow's completion time follows from its rate and remaining bytes and
 * sits in an indexed heap; nothing is polled.
 */
import { ConfigError, assert, describeValue, requireNonNegative, requirePositive } from '../engine/errors.js';
import { Priority } from '../engine/event-queue.js';
import { SimEvent, type Scheduler } from '../engine/events.js';
import { CompletionHeap } from './completion-heap.js';
import { MaxMinSolver } from './maxmin.js';
import { UsageRecorder } from './usage-recorder.js';

export interface ResourceOptions {
  /** Component path, e.g. `ds/gold-01/bandwidth`; used in errors and results. */
  name: string;
  /** Capacity in `unit`s per second (bytes/s, IO/s, cycles/s). Finite, >= 0. */
  capacity: number;
  /** Unit of capacity, for results and reports. Default `B/s`. */
  unit?: string;
}

export class Resource {
  readonly recorder: UsageRecorder;

  constructor(
    private readonly net: FlowNetwork,
    /** Index in the solver. */
    readonly id: number,
    readonly name: string,
    readonly unit: string,
  ) {
    this.recorder = new UsageRecorder(net.bucketSec, net.solver.capacity(id), net.sched.now);
  }

  get capacity(): number {
    return this.net.solver.capacity(this.id);
  }

  /** Changes capacity from now on (a throttle, a degraded link, a failed disk). */
  setCapacity(capacity: number): void {
    requireNonNegative(this.name, 'capacity', capacity);
    this.net.solver.setCapacity(this.id, capacity);
  }

  /** Current load (sum of coefficient * rate of its flows), after settling. */
  get load(): number {
    this.net.settle();
    return this.net.solver.load(this.id);
  }

  /** Current load / capacity in [0, 1] (0 for a resource of capacity 0). */
  get utilisation(): number {
    const cap = this.capacity;
    return cap > 0 ? Math.min(1, this.load / cap) : 0;
  }

  /** Number of flows currently crossing this resource. */
  get flowCount(): number {
    return this.net.solver.flowsOn(this.id).length;
  }
}

export interface Hop {
  resource: Resource;
  /** Units of the resource consumed per byte (1 for bandwidth, 1/ioSize for IOPS, cycles/byte for CPU). Default 1. */
  coef?: number;
}

export interface TransferOptions {
  /** Shown in traces and results. */
  name?: string;
  /** Bytes to move; Infinity for an open-ended stream (a workload) ended by `abort()`. */
  sizeBytes: number;
  route: readonly Hop[];
  /** Share weight under contention. Default 1. */
  weight?: number;
  /** The flow's own demand: it never goes faster than this. Default unlimited. */
  rateCapBytesPerSec?: number;
}

export type FlowResult =
  | { state: 'done'; bytes: number; startSec: number; endSec: number }
  | { state: 'aborted'; bytes: number; startSec: number; endSec: number; reason: string };

export class Flow extends SimEvent<FlowResult> {
  /** @internal solver slot; -1 once ended. */
  slot: number;
  /** @internal */
  rate = 0;
  /** @internal bytes moved up to lastT */
  doneAtLastT = 0;
  /** @internal */
  lastT: number;
  readonly startSec: number;

  constructor(
    private readonly net: FlowNetwork,
    readonly name: string,
    readonly sizeBytes: number,
    /** Creation order, for deterministic tie-breaking. */
    readonly seq: number,
    slot: number,
  ) {
    super(net.sched, name);
    this.slot = slot;
    this.startSec = net.sched.now;
    this.lastT = this.startSec;
  }

  get active(): boolean {
    return this.slot >= 0;
  }

  /** Current rate in bytes/s (after settling). */
  get rateBytesPerSec(): number {
    if (!this.active) return 0;
    this.net.settle();
    return this.rate;
  }

  /** Bytes moved so far. */
  get bytesDone(): number {
    if (!this.active) return this.triggered ? this.value.bytes : this.doneAtLastT;
    return this.doneAtLastT + this.rate * (this.net.sched.now - this.lastT);
  }

  setRateCap(capBytesPerSec: number): void {
    if (!this.active) return;
    requireNonNegative(this.name, 'rateCapBytesPerSec', capBytesPerSec === Infinity ? 0 : capBytesPerSec);
    this.net.solver.setFlowCap(this.slot, capBytesPerSec);
  }

  setWeight(weight: number): void {
    if (!this.active) return;
    requirePositive(this.name, 'weight', weight);
    this.net.solver.setFlowWeight(this.slot, weight);
  }

  /** Ends the flow now; waiters resume (at this instant) with state 'aborted'. Returns false if it had ended. */
  abort(reason = 'aborted'): boolean {
    if (!this.active) return false;
    const bytes = this.bytesDone;
    this.net.detach(this);
    this.trigger({ state: 'aborted', bytes, startSec: this.startSec, endSec: this.net.sched.now, reason }, 0, Priority.URGENT);
    return true;
  }

  /**
   * @internal called by the network when the last byte arrives. When the
   * engine is processing this completion (`now`), waiters wake at once;
   * otherwise (an empty transfer) the completion is queued for this instant.
   */
  complete(now: boolean): void {
    this.net.detach(this);
    const result: FlowResult = { state: 'done', bytes: this.sizeBytes, startSec: this.startSec, endSec: this.net.sched.now };
    if (now) {
      this.fix(result);
      this.process();
    } else {
      this.trigger(result, 0, Priority.FLOW);
    }
  }
}

export interface FlowNetworkOptions {
  /** Width of the utilisation recording buckets, in seconds. Default 60. */
  bucketSec?: number;
}

export class FlowNetwork {
  readonly solver = new MaxMinSolver();
  readonly resources: Resource[] = [];
  readonly bucketSec: number;
  private readonly bySlot: (Flow | null)[] = [];
  private readonly completions = new CompletionHeap();
  private flowSeq = 0;
  private active = 0;
  private readonly names = new Set<string>();

  constructor(readonly sched: Scheduler, options: FlowNetworkOptions = {}) {
    this.bucketSec = requirePositive('flow-network', 'bucketSec', options.bucketSec ?? 60);
  }

  get activeFlows(): number {
    return this.active;
  }

  addResource(options: ResourceOptions): Resource {
    const name = options.name;
    if (typeof name !== 'string' || name.length === 0) throw new ConfigError('resource', 'name', name, 'be a non-empty string');
    if (this.names.has(name)) throw new ConfigError(name, 'name', name, 'be unique among resources');
    requireNonNegative(name, 'capacity', options.capacity);
    this.names.add(name);
    const id = this.solver.addResource(options.capacity);
    const res = new Resource(this, id, name, options.unit ?? 'B/s');
    this.resources.push(res);
    return res;
  }

  start(options: TransferOptions): Flow {
    const name = options.name ?? `flow-${this.flowSeq}`;
    const size = options.sizeBytes;
    if (typeof size !== 'number' || Number.isNaN(size) || size < 0) {
      throw new ConfigError(name, 'sizeBytes', size, 'be a number >= 0 (Infinity for an open-ended stream)');
    }
    const weight = options.weight ?? 1;
    requirePositive(name, 'weight', weight);
    const cap = options.rateCapBytesPerSec ?? Infinity;
    if (typeof cap !== 'number' || Number.isNaN(cap) || cap < 0) {
      throw new ConfigError(name, 'rateCapBytesPerSec', cap, 'be a number >= 0 (Infinity for no cap)');
    }
    const route = options.route;
    if (!Array.isArray(route) || (route.length === 0 && cap === Infinity)) {
      throw new ConfigError(name, 'route', route, 'list at least one resource (or the flow needs a rate cap)');
    }
    const ids: number[] = [];
    const coefs: number[] = [];
    for (let h = 0; h < route.length; h++) {
      const hop = route[h]!;
      const res = hop?.resource;
      if (!(res instanceof Resource) || this.resources[res.id] !== res) {
        throw new ConfigError(name, `route[${h}].resource`, describeValue(res), 'be a resource of this network');
      }
      if (ids.includes(res.id)) throw new ConfigError(name, `route[${h}].resource`, res.name, 'appear once per route');
      const coef = hop.coef ?? 1;
      requirePositive(name, `route[${h}].coef`, coef);
      ids.push(res.id);
      coefs.push(coef);
    }
    const seq = this.flowSeq++;
    if (size === 0) {
      // Nothing to move: done at once, without touching the solver.
      const flow = new Flow(this, name, 0, seq, -1);
      flow.complete(false);
      return flow;
    }
    const slot = this.solver.addFlow(ids, coefs, weight, cap);
    const flow = new Flow(this, name, size, seq, slot);
    this.bySlot[slot] = flow;
    this.active++;
    return flow;
  }

  /** Recomputes rates if anything changed, and re-times the flows whose rate moved. */
  settle(): void {
    const solver = this.solver;
    if (!solver.pending) return;
    solver.solve();
    const now = this.sched.now;
    for (const slot of solver.changedFlows) {
      const flow = this.bySlot[slot]!;
      flow.doneAtLastT += flow.rate * (now - flow.lastT);
      flow.lastT = now;
      flow.rate = solver.rate(slot);
      const remaining = Math.max(0, flow.sizeBytes - flow.doneAtLastT);
      const doneAt = remaining === 0 ? now : flow.rate > 0 ? now + remaining / flow.rate : Infinity;
      this.completions.set(slot, doneAt, flow.seq);
    }
    for (const r of solver.changedResources) {
      this.resources[r]!.recorder.set(now, solver.load(r), solver.capacity(r));
    }
  }

  /** Time of the next flow completion (settles first); Infinity if none. */
  nextCompletionTime(): number {
    if (this.solver.pending) this.settle();
    return this.completions.peekTime();
  }

  /** Completes the flow due next; the engine has already advanced the clock to its time. */
  completeNext(): void {
    assert(this.completions.size > 0, 'completeNext with no flow due');
    const flow = this.bySlot[this.completions.peekId()]!;
    flow.complete(true);
  }

  /** Brings every resource's recorded usage up to time t. */
  recordUntil(t: number): void {
    this.settle();
    for (const res of this.resources) res.recorder.advance(t);
  }

  /** @internal removes a flow from the solver and the completion heap. */
  detach(flow: Flow): void {
    if (flow.slot < 0) return;
    const slot = flow.slot;
    flow.doneAtLastT = flow.bytesDone;
    flow.lastT = this.sched.now;
    this.completions.remove(slot);
    this.solver.removeFlow(slot);
    this.bySlot[slot] = null;
    flow.slot = -1;
    this.active--;
  }
}
