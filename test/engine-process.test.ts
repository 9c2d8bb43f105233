import { describe, expect, it } from 'vitest';
import { ConfigError, Interrupt, Simulation } from '../sim/index.js';

/** Runs a scenario and returns "time name: what" lines, the way one would narrate it. */
function narrate(build: (sim: Simulation, log: (what: string) => void) => void): string[] {
  const sim = new Simulation({ seed: 1 });
  const lines: string[] = [];
  build(sim, (what) => lines.push(`${sim.now} ${what}`));
  sim.run();
  return lines;
}

describe('processes', () => {
  it('wait by yielding seconds or a wait event, and resume at the right time', () => {
    expect(
      narrate((sim, log) => {
        sim.process('operator', (function* () {
          log('quiesce');
          yield 2;
          log('snapshot');
          yield sim.wait(0.5);
          log('thaw');
        })());
      }),
    ).toEqual(['0 quiesce', '2 snapshot', '2.5 thaw']);
  });

  it('run in the order they were started when they wake at the same instant', () => {
    expect(
      narrate((sim, log) => {
        for (const name of ['a', 'b', 'c']) {
          sim.process(name, (function* () {
            yield 1;
            log(name);
          })());
        }
      }),
    ).toEqual(['1 a', '1 b', '1 c']);
  });

  it('can wait for another process and read its result', () => {
    expect(
      narrate((sim, log) => {
        const child = sim.process('child', (function* () {
          yield 3;
          return 42;
        })());
        sim.process('parent', (function* () {
          const outcome = yield child;
          log(`child said ${JSON.stringify(outcome)}`);
        })());
      }),
    ).toEqual(['3 child said {"state":"done","value":42}']);
  });

  it('resume on a signal with the fired value', () => {
    expect(
      narrate((sim, log) => {
        const go = sim.signal<string>('go');
        sim.process('waiter', (function* () {
          const v = yield go;
          log(`got ${String(v)}`);
        })());
        sim.process('firer', (function* () {
          yield 4;
          go.fire('green');
        })());
      }),
    ).toEqual(['4 got green']);
  });

  it('resume on all-of with every value and on any-of with the first index', () => {
    expect(
      narrate((sim, log) => {
        sim.process('p', (function* () {
          const all = yield sim.allOf([sim.wait(1), sim.wait(3)]);
          log(`all ${JSON.stringify(all)}`);
          const first = yield sim.anyOf([sim.wait(5), sim.wait(2)]);
          log(`first ${String(first)}`);
          const none = yield sim.allOf([]);
          log(`empty all-of ${JSON.stringify(none)}`);
        })());
      }),
    ).toEqual(['3 all [null,null]', '5 first 1', '5 empty all-of []']);
  });

  it('can be interrupted while waiting, catch it, and go on', () => {
    expect(
      narrate((sim, log) => {
        const job = sim.process('job', (function* () {
          try {
            yield 100;
            log('finished normally');
          } catch (e) {
            if (!(e instanceof Interrupt)) throw e;
            log(`interrupted: ${String(e.cause)}`);
          }
          yield 1;
          log('cleaned up');
        })());
        sim.process('admin', (function* () {
          yield 10;
          job.interrupt('window closed');
        })());
      }),
    ).toEqual(['10 interrupted: window closed', '11 cleaned up']);
  });

  it('end as interrupted when they do not catch the interrupt, and the stale timer is ignored', () => {
    const sim = new Simulation({ seed: 1 });
    let reached = false;
    const job = sim.process('job', (function* () {
      yield 5;
      reached = true;
    })());
    sim.process('killer', (function* () {
      yield 1;
      job.interrupt('cancel');
      yield 10;
    })());
    sim.run();
    expect(reached).toBe(false);
    expect(job.value).toEqual({ state: 'interrupted', cause: 'cancel' });
    expect(job.interrupt('again')).toBe(false);
  });

  it('report a programmer error with the process name instead of swallowing it', () => {
    const sim = new Simulation({ seed: 1 });
    sim.process('broken', (function* () {
      yield 1;
      throw new Error('boom');
    })());
    expect(() => sim.run()).toThrow(/in process broken: boom/);
  });

  it('refuse to yield something that is not an activity', () => {
    const sim = new Simulation({ seed: 1 });
    sim.process('confused', (function* () {
      yield 'tomorrow' as unknown as number;
    })());
    expect(() => sim.run()).toThrow(/not an activity/);
  });
});

describe('slots', () => {
  it('grant in FIFO order up to capacity and hand over on release', () => {
    expect(
      narrate((sim, log) => {
        const proxy = sim.slots('proxy-tasks', 2);
        for (const name of ['vm1', 'vm2', 'vm3']) {
          sim.process(name, (function* () {
            const slot = proxy.acquire();
            yield slot;
            log(`${name} starts`);
            yield 10;
            proxy.release(slot);
          })());
        }
      }),
    ).toEqual(['0 vm1 starts', '0 vm2 starts', '10 vm3 starts']);
  });

  it('let a waiting request be withdrawn', () => {
    const sim = new Simulation({ seed: 1 });
    const pool = sim.slots('drive', 1);
    const held = pool.acquire();
    const waiting = pool.acquire();
    expect(pool.waiting).toBe(1);
    waiting.cancel();
    expect(pool.waiting).toBe(0);
    pool.release(held);
    expect(pool.held).toBe(0);
    expect(waiting.status).toBe('cancelled');
  });
});

describe('run', () => {
  it('stops at untilSec, leaving the clock there, and can continue', () => {
    const sim = new Simulation({ seed: 1 });
    const ticks: number[] = [];
    sim.process('ticker', (function* () {
      for (let i = 0; i < 10; i++) {
        yield 1;
        ticks.push(sim.now);
      }
    })());
    expect(sim.run({ untilSec: 3.5 })).toEqual({ state: 'until', timeSec: 3.5, events: 4 });
    expect(sim.now).toBe(3.5);
    expect(sim.run()).toMatchObject({ state: 'idle', timeSec: 10 });
    expect(ticks).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('stops after maxEvents and says so', () => {
    const sim = new Simulation({ seed: 1 });
    sim.process('forever', (function* () {
      for (;;) yield 1;
    })());
    expect(sim.run({ maxEvents: 100 })).toMatchObject({ state: 'event-limit', events: 100 });
  });

  it('rejects bounds that make no sense before running', () => {
    const sim = new Simulation({ seed: 1 });
    expect(() => sim.run({ untilSec: Number.NaN })).toThrow(ConfigError);
    expect(() => sim.run({ maxEvents: -1 })).toThrow(/maxEvents must be a whole number >= 0, got -1/);
    expect(() => new Simulation({ seed: Number.NaN })).toThrow(/seed must be a finite number or a string/);
  });
});
