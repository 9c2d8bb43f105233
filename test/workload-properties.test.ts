import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim/engine/simulation.js';
import { buildEstate, joinHops, type EstateSpec, type Transport, type VmSpec } from '../sim/estate/index.js';
import { ImpactMonitor, MAX_LATENCY_INFLATION, startWorkloads, type WorkloadSpec } from '../sim/workload/index.js';
import { GB, MB } from './support/estate-fixtures.js';

const RUN_SEC = 3 * 3_600;

/** A backup stream a scenario starts: which VM, how, when, how much. */
interface BackupSpec {
  vm: number;
  transport: Transport;
  proxy: 'va' | 'phys';
  startSec: number;
  sizeBytes: number;
}

interface Scenario {
  spec: EstateSpec;
  backups: BackupSpec[];
}

const workloadArb: fc.Arbitrary<WorkloadSpec> = fc.record({
  readBytesPerSec: fc.double({ min: 0, max: 300 * MB, noNaN: true }),
  writeBytesPerSec: fc.double({ min: 0, max: 200 * MB, noNaN: true }),
  readIoSizeBytes: fc.constantFrom(4096, 32_768, 1_048_576),
  writeIoSizeBytes: fc.constantFrom(4096, 16_384, 65_536),
  cpuDemandCores: fc.double({ min: 0, max: 2, noNaN: true }),
  profile: fc.constantFrom('flat' as const, 'business-hours' as const, 'night-batch' as const),
  hourlyJitterSigma: fc.constantFrom(0, 0.1, 0.3),
});

/**
 * Small random estates: 1-3 hosts each with a local datastore, one SAN
 * datastore they all see, VMs on random hosts, a virtual appliance on the
 * first host, a physical proxy zoned to the SAN, and backup reads by random
 * transports to a disk repository.
 */
const scenarioArb: fc.Arbitrary<Scenario> = fc.integer({ min: 1, max: 3 }).chain((nHosts) =>
  fc
    .record({
      hostCores: fc.array(fc.integer({ min: 2, max: 8 }), { minLength: nHosts, maxLength: nHosts }),
      dsBandwidth: fc.array(fc.double({ min: 100 * MB, max: 2 * GB, noNaN: true }), { minLength: nHosts + 1, maxLength: nHosts + 1 }),
      vms: fc.array(fc.record({ host: fc.nat({ max: nHosts - 1 }), onSan: fc.boolean(), workload: workloadArb }), { minLength: 1, maxLength: 6 }),
      backups: fc.array(
        fc.record({
          vm: fc.nat(),
          transport: fc.constantFrom<Transport>('hot-add', 'network', 'san'),
          proxy: fc.constantFrom('va' as const, 'phys' as const),
          startSec: fc.double({ min: 0, max: RUN_SEC, noNaN: true }),
          sizeBytes: fc.double({ min: 1 * GB, max: 500 * GB, noNaN: true }),
        }),
        { maxLength: 3 },
      ),
    })
    .map(({ hostCores, dsBandwidth, vms, backups }) => {
      const hosts = hostCores.map((cores, i) => ({ name: `esx-${i}`, cores }));
      const spec: EstateSpec = {
        hosts,
        datastores: [
          ...hosts.map((h, i) => ({ name: `local-${i}`, kind: 'local' as const, hosts: [h.name], bandwidthBytesPerSec: dsBandwidth[i]! })),
          { name: 'san', kind: 'san' as const, hosts: hosts.map((h) => h.name), bandwidthBytesPerSec: dsBandwidth[nHosts]! },
        ],
        proxies: [
          { name: 'va', kind: 'virtual-appliance', host: 'esx-0', vcpus: 2 },
          { name: 'phys', kind: 'physical', sanDatastores: ['san'] },
        ],
        targets: [{ name: 'repo', kind: 'disk' }],
        vms: vms.map((v, i): VmSpec => ({
          name: `vm-${i}`,
          host: `esx-${v.host}`,
          vcpus: 2,
          disks: [{ datastore: v.onSan ? 'san' : `local-${v.host}`, sizeBytes: 50 * GB }],
          workload: v.workload,
        })),
      };
      return { spec, backups: backups.map((b) => ({ ...b, vm: b.vm % vms.length })) };
    }),
);

/** Builds and runs a scenario: workloads, monitor, and backup streams read, processed and written to the repository. */
function runScenario({ spec, backups }: Scenario, seed: number) {
  const sim = new Simulation({ seed, bucketSec: 600 });
  const estate = buildEstate(sim, spec);
  const workloads = startWorkloads(sim, estate);
  const impact = new ImpactMonitor(sim, estate, workloads, { bucketSec: 600 });
  const repo = estate.target('repo');
  backups.forEach((b, i) => {
    sim.process(`backup-${i}`, (function* () {
      yield sim.wait(b.startSec);
      const vm = estate.vms[b.vm]!;
      const proxy = estate.proxy(b.proxy);
      const read = estate.diskReadPath(vm, vm.disks[0]!, proxy, b.transport, 1024 * 1024);
      if (!read.ok) return;
      const toRepo = estate.networkPath(proxy.attachment, repo.attachment);
      yield sim.transfer({ name: `backup-${i}`, sizeBytes: b.sizeBytes, route: joinHops(read.hops, proxy.processingHops('full'), toRepo.hops, repo.ingestHops()) });
    })());
  });
  sim.run({ untilSec: RUN_SEC });
  return { sim, estate, impact };
}

describe('workloads on random estates', () => {
  it('never push a resource over capacity, never deliver more than demanded, and keep inflation within the formula bounds', () => {
    // Idea: whatever the estate, workloads and backup streams, the fluid model
    // keeps every recorded load within capacity, and the impact figures stay
    // in their meaningful ranges.
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 1, max: 1_000 }), (scenario, seed) => {
        const { sim, impact } = runScenario(scenario, seed);
        for (const res of sim.flows.resources) {
          const cap = res.capacity;
          expect(res.recorder.peakLoad, res.name).toBeLessThanOrEqual(cap * (1 + 1e-9) + 1e-9);
          for (const u of res.recorder.series(RUN_SEC).meanUtilisation) expect(u, res.name).toBeLessThanOrEqual(1 + 1e-9);
        }
        for (const vm of impact.report()) {
          expect(vm.io.delivered).toBeLessThanOrEqual(vm.io.demanded * (1 + 1e-9) + 1e-6);
          expect(vm.cpu.delivered).toBeLessThanOrEqual(vm.cpu.demanded * (1 + 1e-9) + 1e-6);
          expect(vm.latencyInflation.mean).toBeGreaterThanOrEqual(1);
          expect(vm.latencyInflation.max).toBeLessThanOrEqual(MAX_LATENCY_INFLATION * (1 + 1e-12));
          expect(vm.latencyInflation.p95).toBeLessThanOrEqual(vm.latencyInflation.max * (1 + 1e-12));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('give identical impact figures for the same seed, and different demand for another seed', () => {
    // Idea: a run is a pure function of (scenario, seed); the hourly jitter is
    // the only randomness, so another seed moves a jittered workload's demand.
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 1, max: 1_000 }), (scenario, seed) => {
        const a = runScenario(scenario, seed).impact;
        const b = runScenario(scenario, seed).impact;
        expect(b.report()).toEqual(a.report());
        expect(b.hostReport()).toEqual(a.hostReport());
        expect(b.series('vm/vm-0')).toEqual(a.series('vm/vm-0'));
        const jittered = scenario.spec.vms!.findIndex((v) => typeof v.workload === 'object' && (v.workload.hourlyJitterSigma ?? 0) > 0 && (v.workload.readBytesPerSec ?? 0) > 1);
        if (jittered >= 0) {
          const other = runScenario(scenario, seed + 1).impact.report()[jittered]!;
          expect(other.io.demanded).not.toBe(a.report()[jittered]!.io.demanded);
        }
      }),
      { numRuns: 20 },
    );
  });

  it('leave every other machine untouched when an unrelated VM is added', () => {
    // Idea: random streams are per component path, so a new VM (on its own
    // host and datastore, listed first) changes no other VM's draws, and with
    // no shared resource, none of their figures either.
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 1, max: 1_000 }), (scenario, seed) => {
        const base = runScenario(scenario, seed).impact.report();
        const spec = scenario.spec;
        const extended: EstateSpec = {
          ...spec,
          hosts: [...spec.hosts, { name: 'iso' }],
          datastores: [...spec.datastores, { name: 'iso-local', kind: 'local', hosts: ['iso'] }],
          vms: [{ name: 'newcomer', host: 'iso', disks: [{ datastore: 'iso-local', sizeBytes: 10 * GB }], workload: { hourlyJitterSigma: 0.5 } }, ...spec.vms!],
        };
        const backups = scenario.backups.map((b) => ({ ...b, vm: b.vm + 1 }));
        const withNewcomer = runScenario({ spec: extended, backups }, seed).impact.report();
        expect(withNewcomer[0]!.machine).toBe('vm/newcomer');
        expect(withNewcomer.slice(1)).toEqual(base);
      }),
      { numRuns: 25 },
    );
  });
});
