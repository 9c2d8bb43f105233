/**
 * Small generated worlds for the strategy contract suite: one or two hosts,
 * each with a hypervisor, a SAN datastore (with or without hardware
 * snapshots), one to three VMs with small disks at 4 MiB chunks, a physical
 * proxy zoned to the SAN, sometimes a virtual appliance, a disk or dedupe
 * target, sometimes a physical server. Everything a design might refuse is in
 * range, so "unprotected, with a reason" is exercised too.
 */
import fc from 'fast-check';
import type { VmSpec } from '../../sim/estate/spec.js';
import type { GuestBinding, WorldSpec } from '../../sim/world/world-spec.js';

export const MIB = 1024 * 1024;
export const GIB = 1024 * MIB;

export interface ContractCase {
  spec: WorldSpec;
  seed: number;
  days: number;
}

const PLATFORMS = ['vsphere-4', 'vsphere-3.5', 'hyperv-2016', 'hyperv-2008r2', 'xenserver-7.3', 'xenserver-5.6'] as const;

/** A light production workload so runs stay fast (bytes/s). */
const LIGHT_WORKLOAD = { readBytesPerSec: 2e6, writeBytesPerSec: 1e6, cpuDemandCores: 0.2, profile: 'flat', hourlyJitterSigma: 0 } as const;

const vmArb = fc.record({
  host: fc.nat(1),
  linux: fc.boolean(),
  tools: fc.boolean(),
  extraGib: fc.integer({ min: 1, max: 2 }),
  dataDisk: fc.option(fc.record({ gib: fc.integer({ min: 1, max: 2 }), app: fc.constantFrom('postgresql', 'sql-server', 'legacy-isam', 'file-server') }), { nil: null }),
  idle: fc.boolean(),
});

export const contractCaseArb: fc.Arbitrary<ContractCase> = fc
  .record({
    platforms: fc.array(fc.constantFrom(...PLATFORMS), { minLength: 1, maxLength: 2 }),
    hardwareSnapshots: fc.boolean(),
    vms: fc.array(vmArb, { minLength: 1, maxLength: 3 }),
    appliance: fc.boolean(),
    dedupeTarget: fc.boolean(),
    physical: fc.boolean(),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    days: fc.integer({ min: 1, max: 4 }),
  })
  .map((g) => {
    const hosts = g.platforms.map((_, i) => ({ name: `h${i}` }));
    const vms: VmSpec[] = [];
    const guests: GuestBinding[] = [];
    g.vms.forEach((v, i) => {
      const host = hosts[Math.min(v.host, hosts.length - 1)]!.name;
      const template = v.linux ? 'rhel5' : 'win2003';
      const imageGib = v.linux ? 3 : 4;
      const disks = [{ datastore: 'san', sizeBytes: (imageGib + v.extraGib) * GIB }];
      if (v.dataDisk !== null) disks.push({ datastore: 'san', sizeBytes: v.dataDisk.gib * GIB });
      vms.push({ name: `vm${i}`, host, disks, workload: v.idle ? 'idle' : LIGHT_WORKLOAD });
      const app = v.dataDisk !== null && (v.dataDisk.app !== 'sql-server' || !v.linux) ? v.dataDisk.app : null;
      guests.push({
        machine: `vm${i}`,
        template,
        ...(v.tools ? {} : { tools: 'none' }),
        ...(v.dataDisk !== null ? { appDataBytes: [0, Math.floor(v.dataDisk.gib * GIB * 0.5)] } : {}),
        ...(app !== null ? { applications: [{ kind: app, diskIndex: 1 }] } : {}),
      });
    });
    if (g.physical) guests.push({ machine: 'phys0', template: 'rhel5' });
    const spec: WorldSpec = {
      chunkSizeBytes: 4 * MIB,
      estate: {
        hosts,
        datastores: [{ name: 'san', kind: 'san', hosts: hosts.map((h) => h.name), hardwareSnapshots: g.hardwareSnapshots }],
        proxies: [{ name: 'p0', kind: 'physical', sanDatastores: ['san'] }, ...(g.appliance ? [{ name: 'va0', kind: 'virtual-appliance' as const, host: 'h0' }] : [])],
        targets: [g.dedupeTarget ? { name: 't0', kind: 'dedupe-appliance' as const } : { name: 't0', kind: 'disk' as const }],
        vms,
        physicalServers: g.physical ? [{ name: 'phys0', disk: { sizeBytes: 4 * GIB }, workload: LIGHT_WORKLOAD }] : [],
      },
      hypervisors: hosts.map((h, i) => ({ host: h.name, platform: g.platforms[i]! })),
      guests,
    };
    return { spec, seed: g.seed, days: g.days };
  });
