import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostReadHops } from '../sim/estate/index.js';
import { CHANNEL } from '../sim/workload/impact-meter.js';
import { ImpactMeter, ImpactMonitor, startWorkloads } from '../sim/workload/index.js';
import { build, MB, twoHostsSharedSanSpec } from './support/estate-fixtures.js';

/** Two hosts on one shared datastore, three VMs each with hourly jitter: two groups of identical latency models. */
const spec = () => twoHostsSharedSanSpec(300 * MB, 4_000);

describe('meters sharing a latency model', () => {
  it('report exactly what meters evaluating their own models report, under backup-like flows that come and go', () => {
    const flowsArb = fc.array(fc.record({ startSec: fc.integer({ min: 0, max: 20_000 }), sizeMb: fc.integer({ min: 1, max: 20_000 }), host: fc.nat({ max: 1 }) }), { maxLength: 12 });
    fc.assert(
      fc.property(flowsArb, (flows) => {
        const { sim, estate } = build(spec());
        const workloads = startWorkloads(sim, estate);
        // The monitor's meters share; these evaluate each their own model.
        const shared = new ImpactMonitor(sim, estate, workloads, { bucketSec: 300, maxBuckets: 720 });
        const alone = workloads.map((w) => new ImpactMeter(sim, w, 300, 720));
        const ds = estate.datastores[0]!;
        for (const f of flows) {
          const host = estate.hosts[f.host]!;
          sim.process('backup', (function* () {
            yield f.startSec;
            yield sim.transfer({ name: 'backup', sizeBytes: f.sizeMb * MB, route: hostReadHops(host, ds, 256 * 1024) });
          })());
        }
        sim.run({ untilSec: 30_000 });
        const report = shared.report();
        alone.forEach((m, i) => {
          m.advanceTo(sim.now);
          const r = report[i]!;
          expect([r.io.demanded, r.io.delivered, r.cpu.demanded, r.cpu.delivered]).toEqual([m.demandedIoBytes, m.deliveredIoBytes, m.demandedCpuCycles, m.deliveredCpuCycles]);
          expect([r.latencyInflation.mean, r.latencyInflation.p95, r.latencyInflation.max]).toEqual([m.histogram.mean, m.histogram.quantile(0.95), m.histogram.max]);
          const series = shared.series(workloads[i]!.machine.path);
          expect(series.latencyInflation).toEqual(m.series.means(CHANNEL.inflation));
        });
      }),
      { numRuns: 25 },
    );
  });
});
