/**
 * Things a process can wait on.
 *
 * Every activity a process yields is a `SimEvent`: a timeout, a signal another
 * process fires, a flow that completes, a slot that is granted, another
 * process that ends, or an all-of / any-of condition over several of them.
 * An event goes pending -> triggered (its value is fixed and it sits in the
 * event queue) -> processed (its waiters have been woken). Waiting on an event
 * that is already processed resumes at once with its value.
 */
import { fail } from './errors.js';
import { Priority } from './event-queue.js';

/** What an event needs from the simulation: a clock and a queue. */
export interface Scheduler {
  readonly now: number;
  schedule(ev: SimEvent<unknown>, delaySec: number, priority: number): void;
}

/** Anything that is woken when an event it waits on is processed. */
export interface Waiter {
  wake(ev: SimEvent<unknown>): void;
}

export const EventState = { PENDING: 0, TRIGGERED: 1, PROCESSED: 2 } as const;
export type EventState = (typeof EventState)[keyof typeof EventState];

export class SimEvent<T = unknown> {
  // The fields are declared and assigned in the constructor, not initialised as class fields: eight
  // event classes extend this one, and V8 11 runs a base class's field initialisers as megamorphic
  // define-property stores that go to the runtime for every field of every event (about 1 us per
  // event in a micro-benchmark), where plain assignments are served by the megamorphic store cache.
  declare readonly sim: Scheduler;
  /** Shown in traces and in error messages. */
  declare readonly label: string;
  declare state: EventState;
  protected declare result: T | undefined;
  // One waiter is the common case; a list only when several processes wait.
  private declare waiter: Waiter | null;
  private declare waiters: Waiter[] | null;

  constructor(sim: Scheduler, label = 'event') {
    this.sim = sim;
    this.label = label;
    this.state = EventState.PENDING;
    this.result = undefined;
    this.waiter = null;
    this.waiters = null;
  }

  get triggered(): boolean {
    return this.state !== EventState.PENDING;
  }

  get processed(): boolean {
    return this.state === EventState.PROCESSED;
  }

  /** The event's value; only available once it has been triggered. */
  get value(): T {
    if (!(this.state !== EventState.PENDING)) fail(`value of ${this.label} read before it was triggered`);
    return this.result as T;
  }

  /** Fixes the value and schedules processing after `delaySec`. */
  protected trigger(value: T, delaySec = 0, priority: number = Priority.NORMAL): void {
    if (!(this.state === EventState.PENDING)) fail(`${this.label} triggered twice`);
    this.result = value;
    this.state = EventState.TRIGGERED;
    this.sim.schedule(this as SimEvent<unknown>, delaySec, priority);
  }

  /** The value without the check (internal hot path: the caller knows it is triggered). */
  peek(): T {
    return this.result as T;
  }

  /** Called by the event queue at the event's time. */
  due(): void {
    this.process();
  }

  /** Fixes the value without scheduling; the caller processes the event at once. */
  protected fix(value: T): void {
    if (!(this.state === EventState.PENDING)) fail(`${this.label} triggered twice`);
    this.result = value;
    this.state = EventState.TRIGGERED;
  }

  /** Marks the event processed and wakes its waiters, in the order they started waiting. */
  process(): void {
    this.state = EventState.PROCESSED;
    const first = this.waiter;
    const rest = this.waiters;
    this.waiter = null;
    this.waiters = null;
    if (first !== null) first.wake(this as SimEvent<unknown>);
    if (rest !== null) for (const w of rest) w.wake(this as SimEvent<unknown>);
  }

  addWaiter(w: Waiter): void {
    if (!(this.state !== EventState.PROCESSED)) fail(`waiting on ${this.label} after it was processed`);
    if (this.waiter === null && this.waiters === null) this.waiter = w;
    else (this.waiters ??= []).push(w);
  }

  removeWaiter(w: Waiter): void {
    if (this.waiter === w) {
      this.waiter = null;
      // Keep wake order stable: promote the next waiter.
      if (this.waiters !== null && this.waiters.length > 0) this.waiter = this.waiters.shift()!;
      return;
    }
    if (this.waiters !== null) {
      const i = this.waiters.indexOf(w);
      if (i >= 0) this.waiters.splice(i, 1);
    }
  }
}

/** Fires after a fixed delay. */
export class Timeout extends SimEvent<undefined> {
  constructor(sim: Scheduler, readonly delaySec: number, priority: number = Priority.NORMAL) {
    super(sim, 'timeout');
    if (!(delaySec >= 0 && !Number.isNaN(delaySec))) fail(`timeout delay must be >= 0, got ${delaySec}`);
    this.trigger(undefined, delaySec, priority);
  }
}

/** Fired by whoever holds it; everyone waiting resumes with the fired value. */
export class Signal<T = undefined> extends SimEvent<T> {
  constructor(sim: Scheduler, label = 'signal') {
    super(sim, label);
  }

  fire(value: T): void {
    this.trigger(value);
  }
}

/**
 * All-of / any-of over several events. `allOf` resumes with the values of all
 * its events in the order given; `anyOf` resumes with the index of the first
 * event processed (the lowest index when several are already processed).
 */
export class Condition<T> extends SimEvent<T> implements Waiter {
  private remaining: number;

  constructor(
    sim: Scheduler,
    private readonly events: readonly SimEvent<unknown>[],
    private readonly mode: 'all' | 'any',
  ) {
    super(sim, mode === 'all' ? 'all-of' : 'any-of');
    this.remaining = mode === 'all' ? events.length : Math.min(1, events.length);
    if (this.remaining === 0) {
      this.finish(-1);
      return;
    }
    for (let i = 0; i < events.length; i++) {
      if (events[i]!.processed) {
        this.countDown(i);
        if (this.triggered) return;
      }
    }
    for (const ev of events) if (!ev.processed) ev.addWaiter(this);
  }

  wake(ev: SimEvent<unknown>): void {
    if (this.triggered) return;
    this.countDown(this.events.indexOf(ev));
  }

  private countDown(index: number): void {
    this.remaining--;
    if (this.remaining === 0) this.finish(index);
  }

  private finish(index: number): void {
    // Stop listening to the events that have not happened yet.
    for (const ev of this.events) if (!ev.processed) ev.removeWaiter(this);
    const value = this.mode === 'all' ? this.events.map((e) => e.value) : index;
    this.trigger(value as T, 0, Priority.URGENT);
  }
}
