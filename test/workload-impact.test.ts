import { describe, expect, it } from 'vitest';
import { hostReadHops } from '../sim/estate/index.js';
import { ImpactMonitor, RHO_MAX, startWorkloads, type ImpactMonitorOptions } from '../sim/workload/index.js';
import { build, GB, MB, oneHostSpec, steadyWorkload } from './support/estate-fixtures.js';

// The fixture's figures (oneHostSpec, steadyWorkload), restated for the arithmetic.
const CPU_CYCLES_PER_SEC = 4 * 2.5e9;
const CYCLES_PER_IO = 20_000;
const HOST_IO_MS = 0.05;
const DS_BYTES_PER_SEC = 500 * MB;
const DS_IOPS = 5_000;
const DS_MS = 0.5;
const IO_BYTES_PER_SEC = 6 * MB; // 4 MB/s of 32 KiB reads + 2 MB/s of 16 KiB writes
const IOS_PER_BYTE = (4 / 6) / 32_768 + (2 / 6) / 16_384;
const COMPUTE_CYCLES_PER_SEC = 0.5 * 2.5e9;

/** The formula stated in sim/workload/latency.ts, written out for this path. */
function inflation(rhoCpu: number, rhoDatastore: number): number {
  const clamp = (rho: number) => Math.min(rho, RHO_MAX);
  return (HOST_IO_MS / (1 - clamp(rhoCpu)) + DS_MS / (1 - clamp(rhoDatastore))) / (HOST_IO_MS + DS_MS);
}

function start(spec = oneHostSpec(), options: ImpactMonitorOptions = {}) {
  const { sim, estate } = build(spec);
  const workloads = startWorkloads(sim, estate);
  const impact = new ImpactMonitor(sim, estate, workloads, options);
  return { sim, estate, workloads, impact };
}

describe('a production workload alone', () => {
  it('gets all it demands, and its latency inflation is the formula applied to its own load', () => {
    const { sim, impact } = start();
    sim.run({ untilSec: 3_600 });
    const [vm] = impact.report();
    const iops = IO_BYTES_PER_SEC * IOS_PER_BYTE;
    const rhoCpu = (COMPUTE_CYCLES_PER_SEC + iops * CYCLES_PER_IO) / CPU_CYCLES_PER_SEC;
    const rhoDs = Math.max(IO_BYTES_PER_SEC / DS_BYTES_PER_SEC, iops / DS_IOPS);
    expect(vm!.io.demanded).toBeCloseTo(IO_BYTES_PER_SEC * 3_600, 3);
    expect(vm!.io.delivered).toBeCloseTo(vm!.io.demanded, 3);
    expect(vm!.cpu.deliveredRatio).toBeCloseTo(1, 12);
    expect(vm!.baseLatencyMs).toBeCloseTo(0.55, 12);
    expect(vm!.latencyInflation.mean).toBeCloseTo(inflation(rhoCpu, rhoDs), 12);
    expect(vm!.latencyInflation.p95).toBeCloseTo(inflation(rhoCpu, rhoDs), 12);
    expect(vm!.latencyMs.mean).toBeCloseTo(0.55 * inflation(rhoCpu, rhoDs), 12);
  });

  it('follows its daily profile, changing demand exactly at hour boundaries', () => {
    const multipliers = Array.from({ length: 24 }, (_, h) => 1 + h / 10);
    const { sim, workloads, impact } = start(oneHostSpec(steadyWorkload({ profile: multipliers })), { bucketSec: 3_600 });
    const flow = workloads[0]!.ioFlows[0]!;
    sim.run({ untilSec: 5 * 3_600 - 1e-6 });
    expect(flow.rateBytesPerSec).toBeCloseTo(IO_BYTES_PER_SEC * multipliers[4]!, 6);
    sim.run({ untilSec: 5 * 3_600 + 1e-6 });
    expect(flow.rateBytesPerSec).toBeCloseTo(IO_BYTES_PER_SEC * multipliers[5]!, 6);
    sim.run({ untilSec: 2 * 86_400 });
    const series = impact.series('vm/app-01');
    expect(series.demandedIoBytesPerSec).toHaveLength(48);
    series.demandedIoBytesPerSec.forEach((rate, h) => expect(rate).toBeCloseTo(IO_BYTES_PER_SEC * multipliers[h % 24]!, 4));
    series.deliveredIoBytesPerSec.forEach((rate, h) => expect(rate).toBeCloseTo(IO_BYTES_PER_SEC * multipliers[h % 24]!, 4));
  });

  it('moves no event when its demand is flat, and reports its write rate for the disk change model', () => {
    const { sim, workloads } = start();
    const outcome = sim.run({ untilSec: 86_400 });
    expect(outcome.events).toBeLessThan(5);
    const w = workloads[0]!;
    expect(w.writeDemandBytesPerSec).toBe(2 * MB);
    expect(w.deliveredWriteBytes()).toBeCloseTo(2 * MB * 86_400, 2);
  });

  it('runs on a physical server just as on a VM, against the server\'s own CPU and disk', () => {
    const spec = oneHostSpec();
    const { sim, impact } = start({
      ...spec,
      vms: [],
      physicalServers: [{ name: 'db-01', cores: 4, clockGhz: 2.5, disk: { sizeBytes: 500 * GB, bandwidthBytesPerSec: DS_BYTES_PER_SEC, iops: DS_IOPS, baseLatencyMs: DS_MS }, workload: steadyWorkload() }],
    });
    sim.run({ untilSec: 600 });
    const [server] = impact.report();
    const iops = IO_BYTES_PER_SEC * IOS_PER_BYTE;
    expect(server!.machine).toBe('physical/db-01');
    expect(server!.host).toBeNull();
    expect(server!.latencyInflation.mean).toBeCloseTo(inflation((COMPUTE_CYCLES_PER_SEC + iops * CYCLES_PER_IO) / CPU_CYCLES_PER_SEC, iops / DS_IOPS), 12);
    expect(impact.hostReport()[0]!.machines).toBe(0);
  });

  it('demands nothing once stopped', () => {
    const { sim, workloads, impact } = start();
    sim.process('stopper', (function* () {
      yield sim.wait(100);
      workloads[0]!.stop();
    })());
    sim.run({ untilSec: 1_000 });
    const [vm] = impact.report();
    expect(vm!.io.demanded).toBeCloseTo(IO_BYTES_PER_SEC * 100, 3);
    expect(vm!.io.delivered).toBeCloseTo(IO_BYTES_PER_SEC * 100, 3);
    expect(workloads[0]!.ioFlows[0]!.active).toBe(false);
  });
});

describe('a production workload beside a backup stream', () => {
  it('sees latency inflation rise while a bulk read saturates its datastore, exactly as the formula says', () => {
    // From t=1000 a 100 GB read in 1 MiB I/Os takes all the bandwidth the VM
    // leaves (494 MB/s): the datastore is at rho = 1 (clamped to 0.99) for
    // 100e9 / 494e6 s, then the VM is alone again.
    const { sim, estate, impact } = start(oneHostSpec(), { bucketSec: 60 });
    const host = estate.host('esx-01');
    const ds = estate.datastore('local-01');
    const bulkBytesPerSec = DS_BYTES_PER_SEC - IO_BYTES_PER_SEC;
    sim.process('backup', (function* () {
      yield sim.wait(1_000);
      yield sim.transfer({ name: 'bulk', sizeBytes: 100 * GB, route: hostReadHops(host, ds, 1024 * 1024) });
    })());
    sim.run({ untilSec: 2_000 });
    const vmIops = IO_BYTES_PER_SEC * IOS_PER_BYTE;
    const bulkIops = bulkBytesPerSec / (1024 * 1024);
    const alone = inflation((COMPUTE_CYCLES_PER_SEC + vmIops * CYCLES_PER_IO) / CPU_CYCLES_PER_SEC, vmIops / DS_IOPS);
    const rhoCpuBusy = (COMPUTE_CYCLES_PER_SEC + (vmIops + bulkIops) * CYCLES_PER_IO) / CPU_CYCLES_PER_SEC;
    const busy = inflation(rhoCpuBusy, Math.max(1, (vmIops + bulkIops) / DS_IOPS));
    const busySec = (100 * GB) / bulkBytesPerSec;
    const [vm] = impact.report();
    expect(busy).toBeGreaterThan(50 * alone);
    expect(vm!.latencyInflation.mean).toBeCloseTo((alone * (2_000 - busySec) + busy * busySec) / 2_000, 9);
    expect(vm!.latencyInflation.p95).toBeCloseTo(busy, 9); // busy for 10% of the time
    expect(vm!.latencyInflation.max).toBeCloseTo(busy, 9);
    // Its demand (6 MB/s) is below its fair share, so it still gets all of it.
    expect(vm!.io.deliveredRatio).toBeCloseTo(1, 9);
    // The bucket [1020, 1080) lies inside the busy period.
    const series = impact.series('vm/app-01');
    expect(series.latencyInflation[17]).toBeCloseTo(busy, 9);
    expect(series.latencyInflation[10]).toBeCloseTo(alone, 9);
  });

  it('gets less than it demands when the datastore cannot serve every workload', () => {
    // Two VMs each asking 400 MB/s of a 500 MB/s datastore get 250 MB/s each.
    const heavy = steadyWorkload({ readBytesPerSec: 400 * MB, writeBytesPerSec: 0, readIoSizeBytes: 1024 * 1024, cpuDemandCores: 0 });
    const spec = oneHostSpec(heavy);
    const { sim, impact } = start({ ...spec, vms: [spec.vms![0]!, { ...spec.vms![0]!, name: 'app-02' }] });
    sim.run({ untilSec: 600 });
    for (const vm of impact.report()) expect(vm.io.deliveredRatio).toBeCloseTo(250 / 400, 9);
    const [host] = impact.hostReport();
    expect(host!.machines).toBe(2);
    expect(host!.io.deliveredRatio).toBeCloseTo(250 / 400, 9);
    expect(host!.latencyInflation.mean).toBeCloseTo(impact.report()[0]!.latencyInflation.mean, 9);
  });
});

describe('impact series', () => {
  it('keep bounded memory by merging buckets, without losing any demanded byte', () => {
    const { sim, impact } = start(oneHostSpec(), { bucketSec: 60, maxBuckets: 8 });
    sim.run({ untilSec: 3_600 });
    const series = impact.series('vm/app-01');
    // 60 s doubles to 480 s, the first width at which 3600 s fits in 8 buckets.
    expect(series.bucketSec).toBe(480);
    expect(series.demandedIoBytesPerSec).toHaveLength(8);
    const widths = series.demandedIoBytesPerSec.map((_, b) => Math.min(480, 3_600 - b * 480));
    const total = series.demandedIoBytesPerSec.reduce((sum, rate, b) => sum + rate * widths[b]!, 0);
    expect(total).toBeCloseTo(impact.report()[0]!.io.demanded, 3);
  });
});
