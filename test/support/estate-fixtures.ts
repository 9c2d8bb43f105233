/**
 * Small estates for the estate and workload tests. Every figure a test's
 * arithmetic depends on is set explicitly here or in the test, never left to a
 * default that may change.
 */
import { Simulation } from '../../sim/engine/simulation.js';
import { buildEstate, type Estate, type EstateSpec } from '../../sim/estate/index.js';
import type { WorkloadSpec } from '../../sim/workload/index.js';

export const MB = 1e6;
export const GB = 1e9;

/** A workload that follows its base demand exactly: flat profile, no jitter. */
export function steadyWorkload(overrides: WorkloadSpec = {}): WorkloadSpec {
  return {
    readBytesPerSec: 4 * MB,
    writeBytesPerSec: 2 * MB,
    readIoSizeBytes: 32 * 1024,
    writeIoSizeBytes: 16 * 1024,
    cpuDemandCores: 0.5,
    profile: 'flat',
    hourlyJitterSigma: 0,
    ...overrides,
  };
}

/** One host with a local datastore and one VM, figures pinned. */
export function oneHostSpec(workload: WorkloadSpec = steadyWorkload()): EstateSpec {
  return {
    hosts: [{ name: 'esx-01', cores: 4, clockGhz: 2.5, nicBytesPerSec: 1.25 * GB, cyclesPerIo: 20_000, ioLatencyMs: 0.05 }],
    datastores: [{ name: 'local-01', kind: 'local', hosts: ['esx-01'], bandwidthBytesPerSec: 500 * MB, iops: 5_000, baseLatencyMs: 0.5 }],
    vms: [{ name: 'app-01', host: 'esx-01', vcpus: 2, disks: [{ datastore: 'local-01', sizeBytes: 100 * GB }], workload }],
  };
}

/**
 * Two hosts on one shared SAN datastore of the given bandwidth and IOPS,
 * three VMs on each with hourly jitter (two groups of identical latency
 * models); `workload` overrides the VMs' steady workload.
 */
export function twoHostsSharedSanSpec(bandwidthBytesPerSec: number, iops: number, workload: WorkloadSpec = {}): EstateSpec {
  const host = oneHostSpec().hosts[0]!;
  return {
    hosts: [host, { ...host, name: 'esx-02' }],
    datastores: [{ name: 'san-01', kind: 'san', hosts: ['esx-01', 'esx-02'], bandwidthBytesPerSec, iops, baseLatencyMs: 0.5 }],
    vms: Array.from({ length: 6 }, (_, i) => ({
      name: `app-0${i}`,
      host: i < 3 ? 'esx-01' : 'esx-02',
      vcpus: 2,
      disks: [{ datastore: 'san-01', sizeBytes: 100 * GB }],
      workload: steadyWorkload({ hourlyJitterSigma: 0.4, ...workload }),
    })),
  };
}

export function build(spec: EstateSpec, seed: number | string = 1, bucketSec = 60): { sim: Simulation; estate: Estate } {
  const sim = new Simulation({ seed, bucketSec });
  return { sim, estate: buildEstate(sim, spec) };
}
