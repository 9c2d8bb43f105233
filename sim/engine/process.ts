/**
 * Processes: sequential procedures written as generator functions.
 *
 * A process yields the activities it waits for (a timeout, a transfer, a slot,
 * a signal, another process, an all-of / any-of) and resumes when they happen,
 * the way SimPy does it. A backup job then reads like the procedure an
 * operator would describe: quiesce, snapshot, thaw, read, send, release.
 *
 * A process is itself an event: it is processed when the generator returns,
 * so other processes can wait for it. `interrupt(cause)` throws an `Interrupt`
 * into the generator at its current yield; a process that does not catch it
 * ends in the state `interrupted`. Any other exception is a programmer error
 * and aborts the run, naming the process.
 */

import { Priority } from './event-queue.js';
import { EventState, SimEvent, type Scheduler, type Waiter } from './events.js';

/**
 * The generator type every process body has. A process yields an activity
 * (an event) to wait for it, or a plain number of seconds to wait that long.
 * The number form is the fast path: it re-arms a timer the process owns, with
 * no allocation, so it is the idiom for plain delays; `sim.wait(s)` gives the
 * same delay as an event object, for use inside `allOf` / `anyOf`.
 */
export type ProcessBody<R = unknown> = Generator<SimEvent<unknown> | number, R, unknown>;

/** What the event queue holds: anything that can be fired at its time. */
export interface Fireable {
  due(): void;
}

/** The scheduler a process needs: events, plus queueing its own timer. */
export interface ProcessScheduler extends Scheduler {
  scheduleTimer(timer: Fireable, delaySec: number): void;
}

/** Thrown into a process by `Process.interrupt`. */
export class Interrupt extends Error {
  override readonly name = 'Interrupt';
  constructor(override readonly cause: unknown) {
    super(`interrupted: ${String(cause)}`);
  }
}

export type ProcessOutcome<R> = { state: 'done'; value: R } | { state: 'interrupted'; cause: unknown };

/** Receives a line per resumption when tracing is on. */
export type ProcessTracer = (timeSec: number, process: string, what: string) => void;

export class Process<R = unknown> extends SimEvent<ProcessOutcome<R>> implements Waiter {
  private target: SimEvent<unknown> | null = null;
  private readonly kick: Kick;
  private readonly timer: ProcessTimer;

  constructor(
    override readonly sim: ProcessScheduler,
    private readonly body: ProcessBody<R>,
    readonly name: string,
    private readonly tracer: ProcessTracer | null,
  ) {
    super(sim, `process ${name}`);
    // Start at the current instant, before other events scheduled for it.
    this.kick = new Kick(sim, this);
    this.target = this.kick;
    this.timer = new ProcessTimer(this);
  }

  /** True while the generator has not returned. */
  get alive(): boolean {
    return this.state === EventState.PENDING;
  }

  /** The activity the process is waiting on, if any (null during a numeric wait). */
  get waitingOn(): SimEvent<unknown> | null {
    return this.target;
  }

  /** @internal the process's own timer went off. */
  timerFired(): void {
    this.step(undefined, null);
  }

  /**
   * Throws an `Interrupt(cause)` into the process at the current instant.
   * Returns false (and does nothing) if the process has already ended.
   */
  interrupt(cause: unknown): boolean {
    if (!this.alive) return false;
    new Interruption(this.sim, this, cause);
    return true;
  }

  wake(ev: SimEvent<unknown>): void {
    if (ev !== this.target) return;
    this.target = null;
    this.step(ev === this.kick ? undefined : ev.peek(), null);
  }

  /** Called by an Interruption event. */
  deliverInterrupt(cause: unknown): void {
    if (!this.alive) return;
    if (this.target !== null) {
      this.target.removeWaiter(this);
      this.target = null;
    }
    this.timer.disarm();
    this.step(undefined, new Interrupt(cause));
  }

  private step(input: unknown, interrupt: Interrupt | null): void {
    let value = input;
    let toThrow: Interrupt | null = interrupt;
    for (;;) {
      let res: IteratorResult<SimEvent<unknown> | number, R>;
      try {
        res = toThrow !== null ? this.body.throw(toThrow) : this.body.next(value);
      } catch (err) {
        if (err instanceof Interrupt) {
          this.finish({ state: 'interrupted', cause: err.cause });
          return;
        }
        if (err instanceof Error && !err.message.startsWith(`in process `)) {
          err.message = `in process ${this.name}: ${err.message}`;
        }
        throw err;
      }
      toThrow = null;
      if (res.done === true) {
        this.finish({ state: 'done', value: res.value });
        return;
      }
      const next = res.value;
      if (typeof next === 'number') {
        if (!(next >= 0)) throw new Error(`in process ${this.name}: yielded a wait of ${next} s (must be >= 0)`);
        if (this.tracer !== null) this.tracer(this.sim.now, this.name, `waits ${next} s`);
        this.timer.arm(next);
        return;
      }
      if (!(next instanceof SimEvent)) {
        throw new Error(`in process ${this.name}: yielded ${String(next)}, which is not an activity (seconds, wait, transfer, acquire, signal, process, allOf, anyOf)`);
      }
      if (this.tracer !== null) this.tracer(this.sim.now, this.name, `waits on ${next.label}`);
      if (next.state === EventState.PROCESSED) {
        value = next.peek();
        continue;
      }
      this.target = next;
      next.addWaiter(this);
      return;
    }
  }

  private finish(outcome: ProcessOutcome<R>): void {
    if (this.tracer !== null) this.tracer(this.sim.now, this.name, outcome.state === 'done' ? 'ends' : 'is interrupted');
    this.trigger(outcome, 0, Priority.NORMAL);
  }
}

/**
 * A process's reusable timer. At most one wait is armed at a time; an
 * interrupt disarms it, and an entry left in the queue by a disarmed wait is
 * recognised by its due time and armed flag and ignored when it fires.
 */
class ProcessTimer implements Fireable {
  private armed = false;
  private dueSec = 0;

  constructor(private readonly proc: Process<unknown>) {}

  arm(delaySec: number): void {
    this.armed = true;
    this.dueSec = this.proc.sim.now + delaySec;
    this.proc.sim.scheduleTimer(this, delaySec);
  }

  disarm(): void {
    this.armed = false;
  }

  due(): void {
    if (!this.armed || this.proc.sim.now !== this.dueSec) return;
    this.armed = false;
    this.proc.timerFired();
  }
}

/** The event that starts a process at the instant it was spawned. */
class Kick extends SimEvent<undefined> {
  constructor(sim: Scheduler, proc: Process<unknown>) {
    super(sim, 'start');
    this.addWaiter(proc);
    this.trigger(undefined, 0, Priority.URGENT);
  }
}

/** Delivers an interrupt at the current instant, ahead of normal events. */
class Interruption extends SimEvent<undefined> {
  constructor(sim: Scheduler, private readonly proc: Process<unknown>, private readonly cause: unknown) {
    super(sim, 'interrupt');
    this.trigger(undefined, 0, Priority.URGENT);
  }

  override process(): void {
    super.process();
    this.proc.deliverInterrupt(this.cause);
  }
}
