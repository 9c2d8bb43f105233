import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChangeTimes, MAX_LOGGED_CHANGES } from '../sim/estate/change-times.js';
import { hostReadHops, watchUsage, type UsageListener } from '../sim/estate/index.js';
import type { Simulation } from '../sim/engine/simulation.js';
import { BucketSeries } from '../sim/workload/bucket-series.js';
import { CHANNEL } from '../sim/workload/impact-meter.js';
import { ImpactMonitor, IoLatencyModel, startWorkloads, type Workload } from '../sim/workload/index.js';
import { TimeHistogram } from '../sim/workload/time-histogram.js';
import { build, MB, twoHostsSharedSanSpec } from './support/estate-fixtures.js';

/**
 * The meter as it was before meters caught up late: it closes its interval at
 * every change of a watched resource, at once, with the workload's totals and
 * the model's inflation of that moment. The reference the late meters must
 * match bit for bit.
 */
class EagerMeter implements UsageListener {
  readonly series = new BucketSeries(6, 300, 720);
  readonly histogram = new TimeHistogram();
  readonly totals = [0, 0, 0, 0];
  private readonly base = new Float64Array(4);
  private readonly running = new Float64Array(4);
  private readonly model: IoLatencyModel;
  private lastSec: number;

  constructor(
    sim: Simulation,
    private readonly workload: Workload,
  ) {
    this.model = new IoLatencyModel(workload.ioPaths);
    this.lastSec = sim.now;
    workload.totalsInto(sim.now, this.base, 0);
    const flowResources = [...workload.ioPaths.flatMap((p) => p.hops), ...(workload.computeFlow === null ? [] : workload.machine.computeHops())].map((h) => h.resource);
    watchUsage([...flowResources, ...this.model.resources()], this);
  }

  usageWillChange(tSec: number): void {
    this.advanceTo(tSec);
  }

  advanceTo(tSec: number): void {
    if (tSec <= this.lastSec) return;
    const inflation = this.model.inflation();
    this.workload.totalsInto(tSec, this.running, 0);
    const now = [0, 1, 2, 3].map((k) => this.running[k]! - this.base[k]!);
    const dt = tSec - this.lastSec;
    const t = this.totals;
    this.series.addInterval(Float64Array.of(this.lastSec, tSec, now[0]! - t[0]!, now[1]! - t[1]!, inflation * dt, now[2]! - t[2]!, now[3]! - t[3]!));
    this.histogram.add(inflation, dt);
    for (let k = 0; k < 4; k++) t[k] = now[k]!;
    this.lastSec = tSec;
  }
}

/** Two hosts on one small shared datastore, three jittered VMs each: backups there slow the workloads down. */
const spec = () => twoHostsSharedSanSpec(60 * MB, 2_000, { readBytesPerSec: 8 * MB });

/** Runs backups (flows at the given starts) beside the workloads; returns the late meters' and the eager meters' figures. */
function run(flows: readonly { startSec: number; sizeMb: number; host: number }[], untilSec: number, stopSec: number | null) {
  const { sim, estate } = build(spec());
  const workloads = startWorkloads(sim, estate);
  const monitor = new ImpactMonitor(sim, estate, workloads, { bucketSec: 300, maxBuckets: 720 });
  const eager = workloads.map((w) => new EagerMeter(sim, w));
  const ds = estate.datastores[0]!;
  for (const f of flows) {
    sim.process('backup', (function* () {
      yield f.startSec;
      yield sim.transfer({ name: 'backup', sizeBytes: f.sizeMb * MB, route: hostReadHops(estate.hosts[f.host]!, ds, 256 * 1024) });
    })());
  }
  if (stopSec !== null) {
    sim.process('stop', (function* () {
      yield stopSec;
      workloads[0]!.stop();
    })());
  }
  sim.run({ untilSec });
  const report = monitor.report();
  return workloads.map((w, i) => {
    const e = eager[i]!;
    e.advanceTo(sim.now);
    const r = report[i]!;
    const series = monitor.series(w.machine.path);
    return {
      late: [r.io.demanded, r.io.delivered, r.cpu.demanded, r.cpu.delivered, r.latencyInflation.mean, r.latencyInflation.p95, r.latencyInflation.max, series.latencyInflation, series.deliveredIoBytesPerSec, series.demandedCpuCyclesPerSec],
      eager: [...e.totals, e.histogram.mean, e.histogram.quantile(0.95), e.histogram.max, e.series.means(CHANNEL.inflation), e.series.means(CHANNEL.deliveredIo), e.series.means(CHANNEL.demandedCpu)],
    };
  });
}

describe('impact meters that catch up late', () => {
  it('report bit for bit what meters closing every interval at once report', () => {
    // Idea: a late meter closes the same intervals, with the same totals and
    // inflations, in the same order, only later. Backups that come and go
    // (slowing the workloads: their flows change rate), hourly demand changes
    // and a workload stopping mid-run all leave the figures identical.
    const flowsArb = fc.array(fc.record({ startSec: fc.integer({ min: 0, max: 20_000 }), sizeMb: fc.integer({ min: 1, max: 20_000 }), host: fc.nat({ max: 1 }) }), { maxLength: 12 });
    fc.assert(
      fc.property(flowsArb, fc.option(fc.integer({ min: 1, max: 29_000 })), (flows, stopSec) => {
        for (const m of run(flows, 30_000, stopSec)) expect(m.late).toEqual(m.eager);
      }),
      { numRuns: 25 },
    );
  });

  it('stays exact through logs that fill and start again', () => {
    // Idea: more changes within an hour (between two changes of demand) than
    // a log holds, from thousands of short backups, make the meters catch up
    // when a log fills; nothing is lost or read twice.
    const flows = Array.from({ length: MAX_LOGGED_CHANGES / 2 + 300 }, (_, i) => ({ startSec: 1 + i * 0.4, sizeMb: 1, host: i % 2 }));
    for (const m of run(flows, 7_200, null)) expect(m.late).toEqual(m.eager);
  });

  it('logs each instant once, in order, by indices that survive a clear', () => {
    // Idea: the log is a plain ascending list of distinct instants, read by absolute positions that a clear does not move.
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 300 }), fc.integer({ min: 1, max: 100 }), (steps, clearEvery) => {
        const log = new ChangeTimes();
        const all: number[] = [];
        let since = 0;
        let t = 0;
        steps.forEach((step, k) => {
          t += step;
          log.note(t);
          if (all[all.length - 1] !== t) all.push(t);
          if (k % clearEvery === clearEvery - 1) {
            log.clear();
            since = all.length;
          }
          expect(log.end).toBe(all.length);
          for (let i = since; i < all.length; i++) expect(log.at(i)).toBe(all[i]);
        });
        if (all.length > 0) expect(() => log.note(t - 1)).toThrow();
      }),
    );
    const full = new ChangeTimes();
    for (let i = 0; i < MAX_LOGGED_CHANGES; i++) full.note(i);
    expect(full.full).toBe(true);
    expect(() => full.note(MAX_LOGGED_CHANGES)).toThrow();
  });
});
