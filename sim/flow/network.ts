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
import { ConfigError, assert, describeValue, fail, requireNonNegative, requirePositive } from '../engine/errors.js';
import { Priority } from '../engine/event-queue.js';
import { doubledSize, growF64 } from '../engine/typed-arrays.js';
import { SimEvent, type Scheduler } from '../engine/events.js';
import { CompletionHeap } from './completion-heap.js';
import { MaxMinSolver } from './maxmin.js';
import { DEFAULT_MAX_BUCKETS, ResourceUsage, UsageLog } from './usage-log.js';

export interface ResourceOptions {
  /** Component path, e.g. `ds/gold-01/bandwidth`; used in errors and results. */
  name: string;
  /** Capacity in `unit`s per second (bytes/s, IO/s, cycles/s). Finite, >= 0. */
  capacity: number;
  /** Unit of capacity, for results and reports. Default `B/s`. */
  unit?: string;
}

export class Resource {
  /** This resource's recorded load over time. */
  readonly recorder: ResourceUsage;

  constructor(
    private readonly net: FlowNetwork,
    /** Index in the solver. */
    readonly id: number,
    readonly name: string,
    readonly unit: string,
  ) {
    net.usage.add(id, net.solver.capacity(id), net.sched.now);
    this.recorder = new ResourceUsage(net.usage, id);
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

  /**
   * Calls `listener(timeSec, load, capacity)` whenever this resource's load or
   * capacity may have changed (after the network settles at that instant).
   * This is the hook for observers such as latency monitors: load is
   * piecewise constant between calls, so integrating over time is exact.
   * Returns a function that removes the listener.
   */
  watch(listener: LoadListener): () => void {
    return this.net.watch(this.id, listener);
  }

  /** Number of flows currently crossing this resource. */
  get flowCount(): number {
    return this.net.solver.flowsOn(this.id).length;
  }
}

/** Receives a resource's new load and capacity (units/s) from `timeSec` on. */
export type LoadListener = (timeSec: number, load: number, capacity: number) => void;

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

/** Told just before the network gives a flow a new rate or detaches it: the last moment its bytes follow the old rate. */
export interface FlowObserver {
  flowWillChange(): void;
}

export type FlowResult =
  | { state: 'done'; bytes: number; startSec: number; endSec: number }
  | { state: 'aborted'; bytes: number; startSec: number; endSec: number; reason: string };

export class Flow extends SimEvent<FlowResult> {
  /** @internal solver slot; -1 once ended. */
  slot: number;
  /** @internal bytes moved when the flow ended (while active, the network's arrays hold the state). */
  finalBytes = 0;
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
  }

  get active(): boolean {
    return this.slot >= 0;
  }

  /** Current rate in bytes/s (after settling). */
  get rateBytesPerSec(): number {
    if (!this.active) return 0;
    this.net.settle();
    return this.net.rateOf(this.slot);
  }

  /** Bytes moved so far. */
  get bytesDone(): number {
    return this.active ? this.net.bytesDoneOf(this.slot) : this.finalBytes;
  }

  /** Tells `observer` before each change of this flow's rate and before it ends (one observer a flow). */
  observe(observer: FlowObserver): void {
    if (this.active) this.net.observe(this.slot, observer);
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

/** Bound on solve rounds within one instant when load watchers react to loads. */
export const MAX_SETTLE_ROUNDS = 1000;

export interface FlowNetworkOptions {
  /** Initial width of the utilisation recording buckets, in seconds. Default 60. */
  bucketSec?: number;
  /** Most buckets per resource series before the width doubles. Default 2048. */
  maxBuckets?: number;
}

export class FlowNetwork {
  readonly solver = new MaxMinSolver();
  readonly resources: Resource[] = [];
  readonly bucketSec: number;
  /** @internal load over time of every resource. */
  readonly usage: UsageLog;
  private readonly bySlot: (Flow | null)[] = [];
  /** Observers by slot (Flow.observe), and how many there are. */
  private readonly observers: (FlowObserver | undefined)[] = [];
  private observed = 0;
  /**
   * Per resource, its load listeners. Lists are replaced, never changed in
   * place, so `notify` can call a list it read while a listener subscribes or
   * unsubscribes, without copying it on every change of load.
   */
  private readonly watchers: (readonly LoadListener[] | undefined)[] = [];
  /**
   * Resources with listeners whose load changed in this settle round, as a
   * reused typed array (rounds do not nest): emptying a plain array by setting
   * its length to 0 drops its storage, and every round would allocate again.
   */
  private toNotify = new Int32Array(64);
  private settling = false;
  // Per-slot integration state in typed arrays: settling touches thousands of
  // flows per event, and these stay in cache where Flow objects would not.
  private sRate = new Float64Array(64); // bytes/s since sLastT
  private sDone = new Float64Array(64); // bytes moved up to sLastT
  private sLastT = new Float64Array(64);
  private sSize = new Float64Array(64);
  private sSeq = new Float64Array(64);
  private readonly completions = new CompletionHeap();
  private flowSeq = 0;
  private active = 0;
  private readonly names = new Set<string>();

  constructor(readonly sched: Scheduler, options: FlowNetworkOptions = {}) {
    this.bucketSec = requirePositive('flow-network', 'bucketSec', options.bucketSec ?? 60);
    const maxBuckets = options.maxBuckets ?? DEFAULT_MAX_BUCKETS;
    if (!Number.isInteger(maxBuckets) || maxBuckets < 2) throw new ConfigError('flow-network', 'maxBuckets', maxBuckets, 'be a whole number >= 2');
    this.usage = new UsageLog(this.bucketSec, maxBuckets);
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
    if (slot >= this.sRate.length) this.growSlots(slot + 1);
    this.sRate[slot] = 0;
    this.sDone[slot] = 0;
    this.sLastT[slot] = this.sched.now;
    this.sSize[slot] = size;
    this.sSeq[slot] = seq;
    this.active++;
    return flow;
  }

  /**
   * Recomputes rates if anything changed, re-times the flows whose rate moved,
   * then tells the load watchers. A watcher may change caps or capacities (a
   * throttle reacting to latency); the network then solves again, within the
   * same instant, until nothing is pending. A watcher that reads a rate during
   * this sees the rate already settled (a nested call returns at once).
   */
  settle(): void {
    if (this.settling) return;
    const solver = this.solver;
    if (!solver.pending) return;
    this.settling = true;
    try {
      for (let round = 0; solver.pending; round++) {
        if (round >= MAX_SETTLE_ROUNDS) fail(`flow network: load watchers kept changing the network (${round} rounds at t=${this.sched.now})`);
        solver.solve();
        this.retime();
        this.notify();
      }
    } finally {
      this.settling = false;
    }
  }

  private retime(): void {
    const solver = this.solver;
    if (this.observed > 0) {
      // Every observer first, while all the flows still follow their old rates.
      for (const slot of solver.changedFlows) this.observers[slot]?.flowWillChange();
    }
    const now = this.sched.now;
    const sRate = this.sRate;
    const sDone = this.sDone;
    const sLastT = this.sLastT;
    for (const slot of solver.changedFlows) {
      const done = sDone[slot]! + sRate[slot]! * (now - sLastT[slot]!);
      const rate = solver.rate(slot);
      sDone[slot] = done;
      sLastT[slot] = now;
      sRate[slot] = rate;
      const remaining = Math.max(0, this.sSize[slot]! - done);
      const doneAt = remaining === 0 ? now : rate > 0 ? now + remaining / rate : Infinity;
      this.completions.set(slot, doneAt, this.sSeq[slot]!);
    }
  }

  /** Records the new loads, then calls watchers (each resource's list as it was when its turn came: they may trigger another solve). */
  private notify(): void {
    const solver = this.solver;
    const now = this.sched.now;
    const usage = this.usage;
    const watchers = this.watchers;
    const changed = solver.changedResources;
    if (this.toNotify.length < changed.length) this.toNotify = new Int32Array(doubledSize(this.toNotify.length, changed.length));
    const calls = this.toNotify;
    let n = 0;
    for (const r of changed) {
      usage.set(r, now, solver.load(r), solver.capacity(r));
      if (watchers[r] !== undefined && watchers[r]!.length > 0) calls[n++] = r;
    }
    for (let i = 0; i < n; i++) {
      const r = calls[i]!;
      const load = solver.load(r);
      const capacity = solver.capacity(r);
      const list = watchers[r]!;
      for (let k = 0; k < list.length; k++) list[k]!(now, load, capacity);
    }
  }

  /** Time of the next flow completion (settles first); Infinity if none. */
  nextCompletionTime(): number {
    if (this.solver.pending) this.settle();
    return this.completions.peekTime();
  }

  /** Time of the next flow completion as of the last settle (the engine's view within an instant). */
  peekCompletionTime(): number {
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
    for (let r = 0; r < this.resources.length; r++) this.usage.advance(r, t);
  }

  /** @internal see Resource.watch */
  watch(r: number, listener: LoadListener): () => void {
    this.watchers[r] = [...(this.watchers[r] ?? []), listener];
    return () => {
      const list = this.watchers[r]!;
      const i = list.indexOf(listener);
      if (i >= 0) this.watchers[r] = [...list.slice(0, i), ...list.slice(i + 1)];
    };
  }

  /** @internal current rate of an active flow's slot. */
  rateOf(slot: number): number {
    return this.sRate[slot]!;
  }

  /** @internal bytes an active flow's slot has moved by now. */
  bytesDoneOf(slot: number): number {
    return this.sDone[slot]! + this.sRate[slot]! * (this.sched.now - this.sLastT[slot]!);
  }

  /** @internal see Flow.observe */
  observe(slot: number, observer: FlowObserver): void {
    if (this.observers[slot] !== undefined) fail(`flow in slot ${slot} observed twice`);
    this.observers[slot] = observer;
    this.observed++;
  }

  /**
   * `sumBytesDoneInto` at an earlier time `tSec` of the current rates: the
   * number it gave then, for an observer told before every rate change since
   * (Flow.observe), which may so catch up later.
   */
  sumBytesDoneAtInto(flows: readonly Flow[], tSec: number, out: Float64Array, at: number): void {
    out[at] = 0;
    for (let i = 0; i < flows.length; i++) {
      const slot = flows[i]!.slot;
      out[at] = out[at]! + (slot >= 0 ? this.sDone[slot]! + this.sRate[slot]! * (tSec - this.sLastT[slot]!) : flows[i]!.finalBytes);
    }
  }

  /**
   * Writes into `out[at]` the bytes the given flows have moved by now, summed
   * in order from 0: the same number as adding their `bytesDone` one by one.
   * It returns nothing, so a caller that is not inlined (an impact meter
   * closing an interval at every change of load) allocates no boxed number.
   */
  sumBytesDoneInto(flows: readonly Flow[], out: Float64Array, at: number): void {
    out[at] = 0;
    for (let i = 0; i < flows.length; i++) {
      const slot = flows[i]!.slot;
      out[at] = out[at]! + (slot >= 0 ? this.bytesDoneOf(slot) : flows[i]!.finalBytes);
    }
  }

  /** `bytesDoneInto` at an earlier time of the current rates (see sumBytesDoneAtInto). */
  bytesDoneAtInto(flow: Flow, tSec: number, out: Float64Array, at: number): void {
    const slot = flow.slot;
    out[at] = slot >= 0 ? this.sDone[slot]! + this.sRate[slot]! * (tSec - this.sLastT[slot]!) : flow.finalBytes;
  }

  /** Writes a flow's `bytesDone` into `out[at]`, allocating nothing (see sumBytesDoneInto). */
  bytesDoneInto(flow: Flow, out: Float64Array, at: number): void {
    const slot = flow.slot;
    out[at] = slot >= 0 ? this.bytesDoneOf(slot) : flow.finalBytes;
  }

  /** @internal removes a flow from the solver and the completion heap. */
  detach(flow: Flow): void {
    if (flow.slot < 0) return;
    const slot = flow.slot;
    const observer = this.observers[slot];
    if (observer !== undefined) {
      this.observers[slot] = undefined;
      this.observed--;
      observer.flowWillChange();
    }
    flow.finalBytes = this.bytesDoneOf(slot);
    this.completions.remove(slot);
    this.solver.removeFlow(slot);
    this.bySlot[slot] = null;
    flow.slot = -1;
    this.active--;
  }

  private growSlots(min: number): void {
    const n = doubledSize(this.sRate.length, min);
    this.sRate = growF64(this.sRate, n);
    this.sDone = growF64(this.sDone, n);
    this.sLastT = growF64(this.sLastT, n);
    this.sSize = growF64(this.sSize, n);
    this.sSeq = growF64(this.sSeq, n);
  }
}
