import { describe, expect, it } from 'vitest';
import type { VmImpact } from '../sim/workload/index.js';
import { ImpactMonitor } from '../sim/workload/index.js';
import type { WorldSpec } from '../sim/world/index.js';
import { agentDesign } from '../strategies/agent/index.js';
import { GIB, HOUR, MB, MIB, runDesign } from './support/guest-design-harness.js';

const BACKUP_START_SEC = 22 * HOUR;

/** N identical VMs on one host and one SAN datastore, each running the same steady application. */
function hostWith(vmCount: number): WorldSpec {
  const names = Array.from({ length: vmCount }, (_, k) => `vm-${String(k).padStart(2, '0')}`);
  return {
    chunkSizeBytes: 4 * MIB,
    estate: {
      hosts: [{ name: 'esx-01', cores: 16, clockGhz: 2.5, cyclesPerIo: 20_000 }],
      datastores: [{ name: 'san-01', kind: 'san', hosts: ['esx-01'], bandwidthBytesPerSec: 2e9, iops: 50_000, baseLatencyMs: 1 }],
      targets: [{ name: 'repo', kind: 'disk', bandwidthBytesPerSec: 4e9, iops: 100_000 }],
      vms: names.map((name) => ({
        name,
        host: 'esx-01',
        vcpus: 2,
        disks: [{ datastore: 'san-01', sizeBytes: 4 * GIB }],
        workload: { readBytesPerSec: 4 * MB, writeBytesPerSec: 2 * MB, cpuDemandCores: 0.5, profile: 'flat', hourlyJitterSigma: 0 },
      })),
    },
    guests: names.map((machine) => ({ machine, template: 'ubuntu1804' })),
  };
}

interface WindowImpact {
  /** Seconds from 22:00 until the last agent job ended. */
  windowSec: number;
  /** Time-mean latency inflation of the applications during the window, averaged over the VMs. */
  meanInflation: number;
  /** Application slowdown summed over the window: (mean inflation - 1) x window seconds. */
  excessLatencySec: number;
}

/** Runs the nightly agent fulls on a host with `vmCount` VMs and measures production during the backup window. */
function backupWindowImpact(vmCount: number): WindowImpact {
  let report: VmImpact[] = [];
  let windowEndSec = NaN;
  runDesign(hostWith(vmCount), agentDesign('agents', {}), {
    endSec: 23 * HOUR,
    workloads: true,
    before: (run) => {
      const { sim } = run;
      sim.process('test/window-meter', (function* () {
        yield BACKUP_START_SEC - sim.now;
        const monitor = new ImpactMonitor(sim, run.world.estate, run.workloads);
        while (run.recorder.jobs.length < vmCount) yield 1;
        windowEndSec = Math.max(...run.recorder.jobs.map((j) => j.endSec));
        report = monitor.report();
      })());
    },
  });
  const windowSec = windowEndSec - BACKUP_START_SEC;
  const meanInflation = report.reduce((s, r) => s + r.latencyInflation.mean, 0) / report.length;
  return { windowSec, meanInflation, excessLatencySec: (meanInflation - 1) * windowSec };
}

describe('in-guest agents on a shared host (claim 1)', () => {
  it('slow the applications more, and for longer, as the VMs per host grow, for the same data per VM', () => {
    const [few, some, many] = [2, 8, 16].map(backupWindowImpact) as [WindowImpact, WindowImpact, WindowImpact];
    // Every VM backs up the same 3 GiB, yet the slowdown grows with the VM count.
    expect(some.meanInflation).toBeGreaterThan(few.meanInflation);
    expect(many.meanInflation).toBeGreaterThan(some.meanInflation);
    // With few VMs per host the applications barely notice (DOMAIN.md: "fine with few VMs per host").
    expect(few.meanInflation).toBeLessThan(1.5);
    expect(some.meanInflation).toBeGreaterThan(3 * few.meanInflation);
    // Once the host is saturated, more VMs make the slow window last longer.
    expect(many.windowSec).toBeGreaterThan(1.5 * some.windowSec);
    expect(many.excessLatencySec).toBeGreaterThan(1.5 * some.excessLatencySec);
    expect(some.excessLatencySec).toBeGreaterThan(5 * few.excessLatencySec);
  });
});
