import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, Simulation, type Flow, type Resource } from '../sim/index.js';
import { close, maxMinOracle, type OracleFlow } from './support/maxmin-oracle.js';

interface PlannedFlow extends OracleFlow {
  startSec: number;
  sizeBytes: number;
}

interface CapacityChange {
  atSec: number;
  r: number;
  capacity: number;
}

/**
 * A reference fluid simulation written plainly: at every event (a start, a
 * capacity change or a completion) recompute all rates from scratch with the
 * oracle and advance to the next event.
 */
function referenceFinishTimes(capacities: number[], flows: PlannedFlow[], changes: CapacityChange[]): number[] {
  const caps = capacities.slice();
  const remaining = flows.map((f) => f.sizeBytes);
  const finish = flows.map(() => Infinity);
  const pendingChanges = changes.slice().sort((a, b) => a.atSec - b.atSec);
  let now = 0;
  for (let guard = 0; guard < 10_000; guard++) {
    while (pendingChanges.length > 0 && pendingChanges[0]!.atSec <= now) {
      const c = pendingChanges.shift()!;
      caps[c.r] = c.capacity;
    }
    const active = flows.map((f, i) => i).filter((i) => flows[i]!.startSec <= now && finish[i] === Infinity);
    const rates = maxMinOracle(caps, active.map((i) => flows[i]!));
    let next = Infinity;
    for (const f of flows) if (f.startSec > now) next = Math.min(next, f.startSec);
    if (pendingChanges.length > 0) next = Math.min(next, pendingChanges[0]!.atSec);
    active.forEach((i, k) => {
      if (rates[k]! > 0) next = Math.min(next, now + remaining[i]! / rates[k]!);
    });
    if (next === Infinity) return finish;
    active.forEach((i, k) => {
      remaining[i] = remaining[i]! - rates[k]! * (next - now);
      if (remaining[i]! <= 1e-9 * flows[i]!.sizeBytes) finish[i] = next;
    });
    now = next;
  }
  throw new Error('reference did not finish');
}

const worldArb = fc.integer({ min: 1, max: 6 }).chain((nRes) =>
  fc.record({
    capacities: fc.array(fc.double({ min: 10, max: 1000, noNaN: true }), { minLength: nRes, maxLength: nRes }),
    flows: fc.array(
      fc.record({
        startSec: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 20, noNaN: true })),
        sizeBytes: fc.double({ min: 1, max: 5000, noNaN: true }),
        route: fc.uniqueArray(fc.integer({ min: 0, max: nRes - 1 }), { minLength: 1, maxLength: nRes }),
        coef: fc.constantFrom(1, 0.5, 2),
        weight: fc.constantFrom(1, 2, 0.5),
        cap: fc.oneof(fc.constant(Infinity), fc.double({ min: 1, max: 300, noNaN: true })),
      }),
      { minLength: 1, maxLength: 10 },
    ),
    changes: fc.array(
      fc.record({ atSec: fc.double({ min: 0.1, max: 30, noNaN: true }), r: fc.nat({ max: nRes - 1 }), capacity: fc.double({ min: 5, max: 1000, noNaN: true }) }),
      { maxLength: 3 },
    ),
  }),
);

describe('the flow network over time', () => {
  it('finishes every flow when a from-scratch fluid simulation says it should', () => {
    // Idea: staggered starts, caps, weights and capacity changes through the
    // engine give the same completion times as recomputing max-min from scratch
    // at every event, to 1e-9 relative.
    fc.assert(
      fc.property(worldArb, ({ capacities, flows, changes }) => {
        const planned: PlannedFlow[] = flows.map((f) => ({
          startSec: f.startSec,
          sizeBytes: f.sizeBytes,
          weight: f.weight,
          cap: f.cap,
          route: f.route.map((r) => ({ r, coef: f.coef })),
        }));
        const expected = referenceFinishTimes(capacities, planned, changes);
        const sim = new Simulation({ seed: 1 });
        const res = capacities.map((c, i) => sim.resource({ name: `r${i}`, capacity: c }));
        const got = planned.map(() => NaN);
        planned.forEach((f, i) => {
          sim.process(`f${i}`, (function* () {
            yield f.startSec;
            const flow = sim.transfer({
              sizeBytes: f.sizeBytes,
              weight: f.weight,
              rateCapBytesPerSec: f.cap,
              route: f.route.map((h) => ({ resource: res[h.r]!, coef: h.coef })),
            });
            yield flow;
            got[i] = sim.now;
          })());
        });
        for (const c of changes) {
          sim.process(`change-${c.atSec}`, (function* () {
            yield c.atSec;
            res[c.r]!.setCapacity(c.capacity);
          })());
        }
        sim.run();
        got.forEach((t, i) => {
          if (!close(t, expected[i]!, 1e-9, 1e-9)) throw new Error(`flow ${i}: engine ${t}, reference ${expected[i]}`);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('finishes n equal flows on one link together at n*size/C', () => {
    const sim = new Simulation({ seed: 1 });
    const link = sim.resource({ name: 'link', capacity: 100e6 });
    const flows: Flow[] = [];
    for (let i = 0; i < 4; i++) flows.push(sim.transfer({ sizeBytes: 1e9, route: [{ resource: link }] }));
    sim.run();
    for (const f of flows) expect(f.value).toEqual({ state: 'done', bytes: 1e9, startSec: 0, endSec: 40 });
  });

  it('speeds up the remaining flow when another one finishes', () => {
    // A: 100 MB, B: 300 MB on a 10 MB/s link. Both at 5 MB/s until A ends at
    // 20 s (B has 200 MB left), then B alone at 10 MB/s: done at 40 s.
    const sim = new Simulation({ seed: 1 });
    const link = sim.resource({ name: 'link', capacity: 10e6 });
    const a = sim.transfer({ sizeBytes: 100e6, route: [{ resource: link }] });
    const b = sim.transfer({ sizeBytes: 300e6, route: [{ resource: link }] });
    sim.run();
    expect(a.value.endSec).toBe(20);
    expect(b.value.endSec).toBe(40);
  });

  it('applies a capacity change from the instant it happens', () => {
    const sim = new Simulation({ seed: 1 });
    const link = sim.resource({ name: 'link', capacity: 10 });
    const f = sim.transfer({ sizeBytes: 100, route: [{ resource: link }] });
    sim.process('throttle', (function* () {
      yield 5;
      link.setCapacity(5);
    })());
    sim.run();
    expect(f.value.endSec).toBe(15); // 50 bytes in 5 s, then 50 bytes at 5 B/s
  });

  it('aborts a flow with the bytes it moved, and the others speed up', () => {
    const sim = new Simulation({ seed: 1 });
    const link = sim.resource({ name: 'link', capacity: 10 });
    const victim = sim.transfer({ sizeBytes: 1000, route: [{ resource: link }] });
    const other = sim.transfer({ sizeBytes: 100, route: [{ resource: link }] });
    sim.process('abort', (function* () {
      yield 4;
      victim.abort('window closed');
    })());
    sim.run();
    expect(victim.value).toEqual({ state: 'aborted', bytes: 20, startSec: 0, endSec: 4, reason: 'window closed' });
    expect(other.value.endSec).toBe(12); // 20 B by t=4, then 80 B at 10 B/s
  });

  it('keeps an open-ended stream running at its demand until it is aborted', () => {
    const sim = new Simulation({ seed: 1 });
    const disk = sim.resource({ name: 'disk', capacity: 100 });
    const app = sim.transfer({ sizeBytes: Infinity, rateCapBytesPerSec: 30, route: [{ resource: disk }] });
    sim.process('stop', (function* () {
      yield 10;
      expect(app.rateBytesPerSec).toBe(30);
      expect(app.bytesDone).toBe(300);
      app.abort('shutdown');
    })());
    expect(sim.run().state).toBe('idle');
    expect(app.value.bytes).toBe(300);
  });

  it('records utilisation per bucket', () => {
    const sim = new Simulation({ seed: 1, bucketSec: 10 });
    const link = sim.resource({ name: 'link', capacity: 10 });
    sim.transfer({ sizeBytes: 150, route: [{ resource: link }] }); // busy 0..15 s
    sim.run({ untilSec: 30 });
    const s = link.recorder.series(30);
    expect(s.meanUtilisation).toEqual([1, 0.5, 0]);
    expect(s.meanLoad).toEqual([10, 5, 0]);
    expect(link.recorder.totalLoadSec).toBe(150);
    expect(link.recorder.peakLoad).toBe(10);
  });

  it('keeps each series within its bucket budget by doubling the width and merging neighbours', () => {
    // Budget of 2 buckets of 10 s. A 10 B/s link busy 0..25 s, then 5 B/s until 70 s:
    // at 70 s the width has doubled twice (to 40 s), so buckets are [0,40), [40,70).
    const sim = new Simulation({ seed: 1, bucketSec: 10, maxBuckets: 2 });
    const link = sim.resource({ name: 'link', capacity: 10 });
    sim.transfer({ sizeBytes: 250, route: [{ resource: link }] });
    sim.process('second', (function* () {
      yield 25;
      sim.transfer({ sizeBytes: 225, route: [{ resource: link }], rateCapBytesPerSec: 5 });
    })());
    sim.run();
    expect(sim.now).toBe(70);
    const late = sim.resource({ name: 'late', capacity: 1 });
    const s = link.recorder.series(70);
    expect(s.bucketSec).toBe(40);
    expect(s.meanLoad).toEqual([(250 + 15 * 5) / 40, 5]);
    expect(link.recorder.totalLoadSec).toBe(475);
    expect(late.recorder.series(70).meanLoad).toEqual([0, 0]);
  });

  it('tells watchers about every load change', () => {
    const sim = new Simulation({ seed: 1 });
    const link = sim.resource({ name: 'link', capacity: 10 });
    const seen: string[] = [];
    link.watch((t, load, cap) => seen.push(`${t}:${load}/${cap}`));
    sim.transfer({ sizeBytes: 50, route: [{ resource: link }], rateCapBytesPerSec: 5 });
    sim.run();
    expect(seen).toEqual(['0:5/10', '10:0/10']);
  });

  it('rejects nonsense parameters before the run, naming component, value and rule', () => {
    const sim = new Simulation({ seed: 1 });
    const link = sim.resource({ name: 'link', capacity: 10 });
    expect(() => sim.resource({ name: 'ds/gold/iops', capacity: -5 })).toThrow('ds/gold/iops: capacity must be a finite number >= 0, got -5');
    expect(() => sim.resource({ name: 'nic', capacity: Number.NaN })).toThrow(/nic: capacity must be a finite number >= 0, got NaN/);
    expect(() => sim.resource({ name: 'link', capacity: 1 })).toThrow(/name must be unique/);
    expect(() => sim.transfer({ name: 'backup-1', sizeBytes: 10, route: [] })).toThrow(/backup-1: route must list at least one resource/);
    const stranger = new Simulation({ seed: 2 }).resource({ name: 'elsewhere', capacity: 1 });
    expect(() => sim.transfer({ name: 'b2', sizeBytes: 10, route: [{ resource: stranger as Resource }] })).toThrow(/b2: route\[0\].resource must be a resource of this network/);
    expect(() => sim.transfer({ name: 'b3', sizeBytes: -1, route: [{ resource: link }] })).toThrow(ConfigError);
    expect(() => sim.transfer({ name: 'b4', sizeBytes: 1, route: [{ resource: link, coef: 0 }] })).toThrow(/coef must be a finite number > 0, got 0/);
    expect(() => link.setCapacity(-1)).toThrow(/link: capacity must be a finite number >= 0/);
  });
});
