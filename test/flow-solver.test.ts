import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MaxMinSolver } from '../sim/flow/maxmin.js';
import { close, maxMinOracle, type OracleFlow } from './support/maxmin-oracle.js';

/** A random graph and a random sequence of changes applied to it in batches. */
const opArb = (nRes: number) =>
  fc.oneof(
    {
      arbitrary: fc.record({
        kind: fc.constant('add' as const),
        route: fc.uniqueArray(fc.integer({ min: 0, max: nRes - 1 }), { minLength: 1, maxLength: Math.min(4, nRes) }),
        coefs: fc.array(fc.constantFrom(1, 0.5, 2, 1 / 4096, 3.7), { minLength: 4, maxLength: 4 }),
        weight: fc.constantFrom(1, 1, 2, 0.5, 3),
        cap: fc.oneof(fc.constant(Infinity), fc.double({ min: 0.1, max: 500, noNaN: true })),
      }),
      weight: 5,
    },
    { arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('cap' as const), pick: fc.nat(), cap: fc.oneof(fc.constant(Infinity), fc.double({ min: 0.1, max: 500, noNaN: true })) }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('weight' as const), pick: fc.nat(), weight: fc.constantFrom(1, 2, 0.25, 5) }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('capacity' as const), r: fc.nat({ max: nRes - 1 }), capacity: fc.oneof(fc.constant(0), fc.double({ min: 1, max: 1000, noNaN: true })) }), weight: 1 },
  );

const scenarioArb = fc.integer({ min: 1, max: 12 }).chain((nRes) =>
  fc.record({
    capacities: fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { minLength: nRes, maxLength: nRes }),
    batches: fc.array(fc.array(opArb(nRes), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 }),
  }),
);

interface Live extends OracleFlow {
  id: number;
}

function oracleRates(capacities: number[], live: Live[]): number[] {
  return maxMinOracle(capacities, live);
}

describe('the incremental max-min solver', () => {
  it('equals a from-scratch progressive filling after every batch of changes', () => {
    // Idea: whatever sequence of flow arrivals, departures, cap, weight and
    // capacity changes, the incremental answer is the unique max-min answer.
    fc.assert(
      fc.property(scenarioArb, ({ capacities, batches }) => {
        const solver = new MaxMinSolver();
        const caps = capacities.slice();
        caps.forEach((c) => solver.addResource(c));
        const live: Live[] = [];
        for (const batch of batches) {
          for (const op of batch) {
            if (op.kind === 'add') {
              const route = op.route.map((r, h) => ({ r, coef: op.coefs[h]! }));
              const id = solver.addFlow(op.route, route.map((h) => h.coef), op.weight, op.cap);
              live.push({ id, route, weight: op.weight, cap: op.cap });
            } else if (op.kind === 'capacity') {
              caps[op.r] = op.capacity;
              solver.setCapacity(op.r, op.capacity);
            } else if (live.length > 0) {
              const i = op.pick % live.length;
              const f = live[i]!;
              if (op.kind === 'remove') {
                solver.removeFlow(f.id);
                live.splice(i, 1);
              } else if (op.kind === 'cap') {
                f.cap = op.cap;
                solver.setFlowCap(f.id, op.cap);
              } else {
                f.weight = op.weight;
                solver.setFlowWeight(f.id, op.weight);
              }
            }
          }
          solver.solve();
          const expected = oracleRates(caps, live);
          live.forEach((f, i) => {
            const got = solver.rate(f.id);
            if (!close(got, expected[i]!, 1e-9, 1e-9)) {
              throw new Error(`flow ${f.id}: solver ${got}, oracle ${expected[i]}`);
            }
          });
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 400) },
    );
  });

  it('never exceeds a capacity and leaves every flow capped or bottlenecked', () => {
    // Idea: the two defining properties of max-min fairness hold on random
    // graphs: feasibility, and for every flow either its cap binds or some
    // saturated resource on its route gives no other flow a larger level.
    fc.assert(
      fc.property(scenarioArb, ({ capacities, batches }) => {
        const solver = new MaxMinSolver();
        capacities.forEach((c) => solver.addResource(c));
        const live: Live[] = [];
        for (const batch of batches) {
          for (const op of batch) {
            if (op.kind !== 'add') continue;
            const route = op.route.map((r, h) => ({ r, coef: op.coefs[h]! }));
            const id = solver.addFlow(op.route, route.map((h) => h.coef), op.weight, op.cap);
            live.push({ id, route, weight: op.weight, cap: op.cap });
          }
          solver.solve();
          for (let r = 0; r < capacities.length; r++) {
            expect(solver.load(r)).toBeLessThanOrEqual(capacities[r]! * (1 + 1e-9) + 1e-9);
          }
          for (const f of live) {
            const rate = solver.rate(f.id);
            const level = rate / f.weight;
            if (f.cap !== Infinity && close(rate, f.cap, 1e-9, 1e-12)) continue;
            const bottleneck = f.route.some(({ r }) => {
              const saturated = solver.load(r) >= capacities[r]! * (1 - 1e-9);
              const maxLevel = Math.max(...solver.flowsOn(r).map((g) => solver.rate(g) / live.find((x) => x.id === g)!.weight));
              return saturated && level >= maxLevel * (1 - 1e-9);
            });
            expect(bottleneck, `flow ${f.id} has neither a binding cap nor a bottleneck`).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('gives n equal flows on one link an equal share', () => {
    const solver = new MaxMinSolver();
    const link = solver.addResource(100);
    const ids = [0, 1, 2, 3].map(() => solver.addFlow([link], [1], 1, Infinity));
    solver.solve();
    for (const id of ids) expect(solver.rate(id)).toBe(25);
  });

  it('shares by weight and lets a capped flow leave its unused share to the others', () => {
    const solver = new MaxMinSolver();
    const link = solver.addResource(100);
    const heavy = solver.addFlow([link], [1], 3, Infinity);
    const light = solver.addFlow([link], [1], 1, Infinity);
    const capped = solver.addFlow([link], [1], 1, 10);
    solver.solve();
    expect(solver.rate(capped)).toBe(10);
    expect(solver.rate(heavy)).toBeCloseTo(67.5, 12);
    expect(solver.rate(light)).toBeCloseTo(22.5, 12);
  });

  it('charges a flow by its coefficient on each resource', () => {
    // 4 KiB I/Os: 1,000 IOPS limit 4,096,000 B/s even though bandwidth allows more.
    const solver = new MaxMinSolver();
    const bw = solver.addResource(100e6);
    const iops = solver.addResource(1000);
    const f = solver.addFlow([bw, iops], [1, 1 / 4096], 1, Infinity);
    solver.solve();
    expect(solver.rate(f)).toBeCloseTo(4_096_000, 6);
  });

  it('reports only the flows whose rate moved', () => {
    const solver = new MaxMinSolver();
    const a = solver.addResource(10);
    const b = solver.addResource(10);
    const fa = solver.addFlow([a], [1], 1, Infinity);
    const fb = solver.addFlow([b], [1], 1, Infinity);
    solver.solve();
    expect([...solver.changedFlows].sort()).toEqual([fa, fb].sort());
    const fa2 = solver.addFlow([a], [1], 1, Infinity);
    solver.solve();
    expect([...solver.changedFlows].sort()).toEqual([fa, fa2].sort());
    expect(solver.rate(fb)).toBe(10);
  });
});
