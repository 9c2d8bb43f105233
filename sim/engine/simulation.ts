/**
 * The simulation: one clock, one event queue, one flow network, one family of
 * seeded random streams. Everything in a run reads time from here.
 *
 * `run()` is bounded: it stops at `untilSec`, after `maxEvents`, or when
 * nothing is left to happen, and says which (a result union, not a guess).
 */
import { ConfigError, assert, fail } from './errors.js';
import { EventQueue, Priority } from './event-queue.js';
import { Condition, Signal, SimEvent, Timeout } from './events.js';
import { Process, type Fireable, type ProcessBody, type ProcessScheduler, type ProcessTracer } from './process.js';
import { RandomStreams, type RandomStream } from './random.js';
import { SlotPool } from './slots.js';
import { FlowNetwork, type Flow, type Resource, type ResourceOptions, type TransferOptions } from '../flow/network.js';

/** The default bound on events processed by one `run()` call. */
export const DEFAULT_MAX_EVENTS = 2_000_000_000;

export interface SimulationOptions {
  /** Scenario seed; every random stream derives from it and its component path. */
  seed: number | string;
  /** Initial width of utilisation recording buckets, seconds. Default 60. */
  bucketSec?: number;
  /** Bucket budget per resource series; past it the width doubles. Default 2048. */
  maxBuckets?: number;
  /** Record a trace line for every process step (tests, debugging). Default false. */
  trace?: boolean;
}

export interface RunOptions {
  /** Stop when simulated time would pass this (the clock is left at it). */
  untilSec?: number;
  /** Stop after processing this many events. Default DEFAULT_MAX_EVENTS. */
  maxEvents?: number;
}

export type RunOutcome =
  | { state: 'idle'; timeSec: number; events: number }
  | { state: 'until'; timeSec: number; events: number }
  | { state: 'event-limit'; timeSec: number; events: number };

export interface TraceLine {
  timeSec: number;
  process: string;
  what: string;
}

export class Simulation implements ProcessScheduler {
  now = 0;
  readonly flows: FlowNetwork;
  readonly random: RandomStreams;
  /** Trace lines when `trace` is on, in the order they happened. */
  readonly trace: TraceLine[] = [];
  private readonly queue = new EventQueue<Fireable>();
  private readonly tracer: ProcessTracer | null;
  private eventsTotal = 0;
  private running = false;

  constructor(options: SimulationOptions) {
    const seed = options.seed;
    if (!(typeof seed === 'string' || (typeof seed === 'number' && Number.isFinite(seed)))) {
      throw new ConfigError('simulation', 'seed', seed, 'be a finite number or a string');
    }
    this.random = new RandomStreams(seed);
    this.flows = new FlowNetwork(this, { bucketSec: options.bucketSec ?? 60, maxBuckets: options.maxBuckets });
    this.tracer = options.trace === true ? (timeSec, process, what) => this.trace.push({ timeSec, process, what }) : null;
  }

  /** Events processed over all `run()` calls. */
  get eventCount(): number {
    return this.eventsTotal;
  }

  /** @internal used by events to queue themselves. */
  schedule(ev: SimEvent<unknown>, delaySec: number, priority: number): void {
    this.queue.push(this.now + delaySec, priority, ev);
  }

  /** @internal used by a process to queue its own timer (a numeric wait). */
  scheduleTimer(timer: Fireable, delaySec: number): void {
    this.queue.push(this.now + delaySec, Priority.NORMAL, timer);
  }

  /** The random stream of a component (each path may be asked for once). */
  stream(path: string): RandomStream {
    return this.random.stream(path);
  }

  /** Starts a process now. */
  process<R>(name: string, body: ProcessBody<R>): Process<R> {
    return new Process<R>(this, body, name, this.tracer);
  }

  /** An activity that happens `delaySec` from now. */
  wait(delaySec: number): Timeout {
    return new Timeout(this, delaySec);
  }

  signal<T = undefined>(label?: string): Signal<T> {
    return new Signal<T>(this, label);
  }

  /** Resumes with the values of all events, in the order given. */
  allOf(events: readonly SimEvent<unknown>[]): Condition<unknown[]> {
    return new Condition<unknown[]>(this, events, 'all');
  }

  /** Resumes with the index of the first event to happen. */
  anyOf(events: readonly SimEvent<unknown>[]): Condition<number> {
    return new Condition<number>(this, events, 'any');
  }

  slots(name: string, capacity: number): SlotPool {
    return new SlotPool(this, name, capacity);
  }

  resource(options: ResourceOptions): Resource {
    return this.flows.addResource(options);
  }

  /** Starts a transfer now; the returned flow is processed when its last byte arrives. */
  transfer(options: TransferOptions): Flow {
    return this.flows.start(options);
  }

  run(options: RunOptions = {}): RunOutcome {
    const until = options.untilSec ?? Infinity;
    const maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
    if (Number.isNaN(until) || until < this.now) {
      throw new ConfigError('simulation', 'untilSec', until, `be >= the current time ${this.now}`);
    }
    if (!Number.isInteger(maxEvents) || maxEvents < 0) {
      throw new ConfigError('simulation', 'maxEvents', maxEvents, 'be a whole number >= 0');
    }
    assert(!this.running, 'run() called from inside a running simulation');
    this.running = true;
    const queue = this.queue;
    const flows = this.flows;
    let events = 0;
    try {
      for (;;) {
        let tQueue = queue.peekTime();
        // Solve once per instant: while more events wait at this instant, the
        // changes they make pile up; rates are recomputed just before time
        // moves on. (A flow due now stays due now whatever changes now.)
        // Load watchers run inside settle and may schedule events, so the
        // queue is looked at again afterwards.
        if (tQueue !== this.now && flows.solver.pending) {
          flows.settle();
          tQueue = queue.peekTime();
        }
        const tFlow = flows.peekCompletionTime();
        const flowFirst = tFlow < tQueue || (tFlow === tQueue && tFlow !== Infinity && queue.peekPriority() > Priority.FLOW);
        const t = flowFirst ? tFlow : tQueue;
        if (t === Infinity) {
          if (until !== Infinity) return this.stop('until', until, events);
          return this.stop('idle', this.now, events);
        }
        if (t > until) return this.stop('until', until, events);
        if (events >= maxEvents) return this.stop('event-limit', this.now, events);
        if (!(t >= this.now)) fail(`time went backwards: ${t} < ${this.now}`);
        this.now = t;
        events++;
        if (flowFirst) flows.completeNext();
        else queue.pop().due();
      }
    } finally {
      this.running = false;
      this.eventsTotal += events;
    }
  }

  private stop(state: RunOutcome['state'], timeSec: number, events: number): RunOutcome {
    this.now = timeSec;
    this.flows.recordUntil(timeSec);
    return { state, timeSec, events };
  }
}
