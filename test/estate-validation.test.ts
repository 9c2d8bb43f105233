import { describe, expect, it } from 'vitest';
import { ConfigError } from '../sim/engine/errors.js';
import { Simulation } from '../sim/engine/simulation.js';
import { buildEstate, type EstateSpec } from '../sim/estate/index.js';
import { ImpactMonitor } from '../sim/workload/index.js';
import { GB, oneHostSpec } from './support/estate-fixtures.js';

type Case = [rule: string, mutate: (s: EstateSpec) => EstateSpec, component: string, field: string, value: unknown, ruleText: string];

const base = oneHostSpec();
const host = base.hosts[0]!;
const ds = base.datastores[0]!;
const vm = base.vms![0]!;

const cases: Case[] = [
  ['a negative host NIC bandwidth', (s) => ({ ...s, hosts: [{ ...host, nicBytesPerSec: -1 }] }), 'host/esx-01', 'nicBytesPerSec', -1, 'be a finite number > 0'],
  ['a NaN clock rate', (s) => ({ ...s, hosts: [{ ...host, clockGhz: NaN }] }), 'host/esx-01', 'clockGhz', NaN, 'be a finite number > 0'],
  ['fractional cores', (s) => ({ ...s, hosts: [{ ...host, cores: 2.5 }] }), 'host/esx-01', 'cores', 2.5, 'be a whole number >= 1'],
  ['a host on a network that does not exist', (s) => ({ ...s, hosts: [{ ...host, network: 'dmz' }] }), 'host/esx-01', 'network', 'dmz', 'name a network of the estate: lan'],
  ['two hosts with one name', (s) => ({ ...s, hosts: [host, host] }), 'host/esx-01', 'name', 'esx-01', 'be unique among hosts'],
  ['a name with a slash', (s) => ({ ...s, hosts: [{ ...host, name: 'a/b' }] }), 'host[0]', 'name', 'a/b', 'without "/"'],
  ['a datastore of an unknown kind', (s) => ({ ...s, datastores: [{ ...ds, kind: 'tape' as never }] }), 'datastore/local-01', 'kind', 'tape', 'be one of local, san, nfs'],
  ['a negative IOPS', (s) => ({ ...s, datastores: [{ ...ds, iops: -5 }] }), 'datastore/local-01', 'iops', -5, 'be a finite number > 0'],
  ['a datastore seen by an unknown host', (s) => ({ ...s, datastores: [{ ...ds, kind: 'san', hosts: ['esx-01', 'esx-99'] }] }), 'datastore/local-01', 'hosts[1]', 'esx-99', 'name a host of the estate'],
  ['a local datastore on two hosts', (s) => ({ ...s, hosts: [host, { ...host, name: 'esx-02' }], datastores: [{ ...ds, hosts: ['esx-01', 'esx-02'] }] }), 'datastore/local-01', 'hosts', ['esx-01', 'esx-02'], 'exactly one host'],
  ['hardware snapshots on a local disk', (s) => ({ ...s, datastores: [{ ...ds, hardwareSnapshots: true }] }), 'datastore/local-01', 'hardwareSnapshots', true, 'only an array'],
  ['a VM on a host that does not exist', (s) => ({ ...s, vms: [{ ...vm, host: 'esx-99' }] }), 'vm/app-01', 'host', 'esx-99', 'name a host of the estate: esx-01'],
  ['a VM disk on an unknown datastore', (s) => ({ ...s, vms: [{ ...vm, disks: [{ datastore: 'gold', sizeBytes: GB }] }] }), 'vm/app-01', 'disks[0].datastore', 'gold', 'name a datastore'],
  ['a VM disk on a datastore its host cannot see', (s) => ({ ...s, hosts: [host, { ...host, name: 'esx-02' }], vms: [{ ...vm, host: 'esx-02' }] }), 'vm/app-01', 'disks[0].datastore', 'local-01', 'be a datastore host/esx-02 can see'],
  ['a VM without disks', (s) => ({ ...s, vms: [{ ...vm, disks: [] }] }), 'vm/app-01', 'disks', [], 'at least one disk'],
  ['more vCPUs than the host has cores', (s) => ({ ...s, vms: [{ ...vm, vcpus: 8 }] }), 'vm/app-01', 'vcpus', 8, 'at most the cores of host/esx-01 (4)'],
  ['a negative write rate', (s) => ({ ...s, vms: [{ ...vm, workload: { writeBytesPerSec: -1 } }] }), 'vm/app-01/workload', 'writeBytesPerSec', -1, 'be a finite number >= 0'],
  ['a profile of 23 hours', (s) => ({ ...s, vms: [{ ...vm, workload: { profile: new Array<number>(23).fill(1) } }] }), 'vm/app-01/workload', 'profile', new Array<number>(23).fill(1), '24 finite hourly multipliers'],
  ['an unknown profile name', (s) => ({ ...s, vms: [{ ...vm, workload: { profile: 'weekend' as never } }] }), 'vm/app-01/workload', 'profile', 'weekend', 'be one of flat'],
  ['an appliance on an unknown host', (s) => ({ ...s, proxies: [{ name: 'va', kind: 'virtual-appliance', host: 'esx-99' }] }), 'proxy/va', 'host', 'esx-99', 'name a host'],
  ['an appliance bigger than its host', (s) => ({ ...s, proxies: [{ name: 'va', kind: 'virtual-appliance', host: 'esx-01', vcpus: 6 }] }), 'proxy/va', 'vcpus', 6, 'at most the cores'],
  ['more tasks than memory holds', (s) => ({ ...s, proxies: [{ name: 'p', kind: 'physical', taskSlots: 4, memoryGib: 4 }] }), 'proxy/p', 'taskSlots', 4, 'be at most 2'],
  ['SAN access to a local datastore', (s) => ({ ...s, proxies: [{ name: 'p', kind: 'physical', sanDatastores: ['local-01'] }] }), 'proxy/p', 'sanDatastores[0]', 'local-01', 'name a SAN datastore'],
  ['an unknown proxy kind', (s) => ({ ...s, proxies: [{ name: 'p', kind: 'cloud' as never }] }), 'proxy/p', 'kind', 'cloud', 'be one of physical, virtual-appliance'],
  ['an unknown LTO generation', (s) => ({ ...s, targets: [{ name: 'lib', kind: 'tape-library', generation: 'LTO-4' as never }] }), 'target/lib', 'generation', 'LTO-4', 'be one of LTO-5'],
  ['a minimum tape speed above native', (s) => ({ ...s, targets: [{ name: 'lib', kind: 'tape-library', generation: 'LTO-7', drive: { minStreamBytesPerSec: 400e6 } }] }), 'target/lib/drive', 'minStreamBytesPerSec', 400e6, 'at most the native speed'],
  ['a library without drives', (s) => ({ ...s, targets: [{ name: 'lib', kind: 'tape-library', generation: 'LTO-7', drives: 0 }] }), 'target/lib', 'drives', 0, 'be a whole number >= 1'],
  ['a dedupe appliance with no CPU cost', (s) => ({ ...s, targets: [{ name: 'dd', kind: 'dedupe-appliance', ingestCyclesPerByte: 0 }] }), 'target/dd', 'ingestCyclesPerByte', 0, 'be a finite number > 0'],
  ['a WAN link inside one site', (s) => ({ ...s, wanLinks: [{ name: 'w', sites: ['main', 'main'] }] }), 'wan/w', 'sites', ['main', 'main'], 'two different sites'],
  ['a WAN link to an unknown site', (s) => ({ ...s, wanLinks: [{ name: 'w', sites: ['main', 'dr'] }] }), 'wan/w', 'sites[1]', 'dr', 'name a site'],
  ['a physical server without a disk size', (s) => ({ ...s, physicalServers: [{ name: 'db', disk: {} as never }] }), 'physical/db', 'disk.sizeBytes', undefined, 'be a finite number > 0'],
];

describe('estate validation', () => {
  it.each(cases)('rejects %s with a ConfigError naming the component, value and rule, before anything is built', (_rule, mutate, component, field, value, ruleText) => {
    const sim = new Simulation({ seed: 1 });
    let error: unknown = null;
    try {
      buildEstate(sim, mutate(oneHostSpec()));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const ce = error as ConfigError;
    expect(ce.component).toBe(component);
    expect(ce.field).toBe(field);
    expect(ce.value).toEqual(value);
    expect(ce.rule).toContain(ruleText);
    expect(ce.message).toContain(component);
    expect(ce.message).toContain(ruleText);
    // Validation runs to the end before the first resource is created.
    expect(sim.flows.resources).toHaveLength(0);
  });

  it('rejects a route between sites that no WAN link joins when a strategy asks for it', () => {
    const sim = new Simulation({ seed: 1 });
    const estate = buildEstate(sim, {
      ...oneHostSpec(),
      networks: [{ name: 'lan' }, { name: 'dr-lan', site: 'dr' }],
      targets: [{ name: 'offsite', kind: 'disk', network: 'dr-lan' }],
    });
    expect(() => estate.networkPath(estate.host('esx-01').attachment, estate.target('offsite').attachment)).toThrow(/have a WAN link between sites main and dr/);
  });

  it('rejects monitor options that make no sense', () => {
    const sim = new Simulation({ seed: 1 });
    const estate = buildEstate(sim, oneHostSpec());
    expect(() => new ImpactMonitor(sim, estate, [], { bucketSec: -5 })).toThrow(ConfigError);
    expect(() => new ImpactMonitor(sim, estate, [], { maxBuckets: 3 })).toThrow(/maxBuckets must be an even whole number/);
  });
});
