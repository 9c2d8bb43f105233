import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Hop } from '../sim/flow/network.js';
import { joinHops, type EstateSpec } from '../sim/estate/index.js';
import { buildReadRoute, ReadRouteCache } from '../strategies/proxy-image/read-route-cache.js';
import { build, GB } from './support/estate-fixtures.js';

/** Two hosts on SAN storage at the main site, a physical proxy, and a repository at a DR site. */
const spec: EstateSpec = {
  networks: [{ name: 'lan' }, { name: 'backup-lan' }, { name: 'dr-lan', site: 'dr' }],
  wanLinks: [{ name: 'main-dr', sites: ['main', 'dr'], bandwidthBytesPerSec: 12.5e6, latencyMs: 20 }],
  hosts: [{ name: 'esx-01' }, { name: 'esx-02' }],
  datastores: [
    { name: 'gold', kind: 'san', hosts: ['esx-01', 'esx-02'], hardwareSnapshots: true },
    { name: 'nas', kind: 'nfs', hosts: ['esx-02'] },
  ],
  proxies: [
    { name: 'phys', kind: 'physical', network: 'backup-lan', sanDatastores: ['gold'] },
    { name: 'va', kind: 'virtual-appliance', host: 'esx-01' },
  ],
  targets: [
    { name: 'repo', kind: 'disk', network: 'backup-lan' },
    { name: 'offsite', kind: 'disk', network: 'dr-lan' },
  ],
  vms: [
    { name: 'web', host: 'esx-01', disks: [{ datastore: 'gold', sizeBytes: 40 * GB }] },
    { name: 'files', host: 'esx-02', disks: [{ datastore: 'nas', sizeBytes: 40 * GB }] },
  ],
};

function names(hops: readonly Hop[]): string[] {
  return hops.map((h) => h.resource.name);
}

describe('routes through the estate', () => {
  const { estate } = build(spec);
  const esx1 = estate.host('esx-01');
  const web = estate.vm('web');
  const files = estate.vm('files');

  it('inside one network crosses only the two NICs', () => {
    const path = estate.networkPath(esx1.attachment, estate.host('esx-02').attachment);
    expect(names(path.hops)).toEqual(['host/esx-01/nic', 'host/esx-02/nic']);
    expect(path.crossesWan).toBe(false);
  });

  it('between networks of one site crosses both switch uplinks', () => {
    const path = estate.networkPath(esx1.attachment, estate.target('repo').attachment);
    expect(names(path.hops)).toEqual(['host/esx-01/nic', 'network/lan/uplink', 'network/backup-lan/uplink', 'target/repo/nic']);
  });

  it('to another site also crosses the WAN link, and says so', () => {
    const path = estate.networkPath(estate.proxy('phys').attachment, estate.target('offsite').attachment);
    expect(names(path.hops)).toEqual(['proxy/phys/nic', 'network/backup-lan/uplink', 'wan/main-dr', 'network/dr-lan/uplink', 'target/offsite/nic']);
    expect(path.crossesWan).toBe(true);
    expect(path.latencyMs).toBeCloseTo(0.1 + 0.1 + 20, 12);
  });

  it('between a VM and a virtual appliance on the same host crosses no NIC', () => {
    expect(estate.networkPath(web.attachment, estate.proxy('va').attachment).hops).toEqual([]);
  });

  it('reads a disk by hot-add through the appliance host, in I/Os of the read size', () => {
    const read = estate.diskReadPath(web, web.disks[0]!, estate.proxy('va'), 'hot-add', 1024 * 1024);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(names(read.hops)).toEqual(['host/esx-01/cpu', 'host/esx-01/storage-link', 'datastore/gold/bandwidth', 'datastore/gold/iops']);
    expect(read.hops.find((h) => h.resource.name === 'datastore/gold/iops')!.coef).toBe(1 / (1024 * 1024));
  });

  it('reads a disk in network mode through the VM host and its NIC', () => {
    const read = estate.diskReadPath(files, files.disks[0]!, estate.proxy('phys'), 'network', 512 * 1024);
    expect(read.ok && names(read.hops)).toEqual([
      'host/esx-02/cpu',
      'host/esx-02/storage-link',
      'datastore/nas/bandwidth',
      'datastore/nas/iops',
      'host/esx-02/nic',
      'network/lan/uplink',
      'network/backup-lan/uplink',
      'proxy/phys/nic',
    ]);
  });

  it('reads a SAN disk directly through a zoned physical proxy, bypassing the hosts', () => {
    const read = estate.diskReadPath(web, web.disks[0]!, estate.proxy('phys'), 'san', 1024 * 1024);
    expect(read.ok && names(read.hops)).toEqual(['proxy/phys/storage-link', 'datastore/gold/bandwidth', 'datastore/gold/iops']);
  });

  it('says why a transport cannot be used instead of pretending', () => {
    const san = estate.diskReadPath(files, files.disks[0]!, estate.proxy('phys'), 'san', 1024 * 1024);
    expect(san).toEqual({ ok: false, transport: 'san', reason: 'proxy/phys is not zoned to read datastore/nas over the SAN' });
    const hotAdd = estate.diskReadPath(files, files.disks[0]!, estate.proxy('va'), 'hot-add', 1024 * 1024);
    expect(hotAdd.ok).toBe(false);
    expect(!hotAdd.ok && hotAdd.reason).toBe('host/esx-01 (where proxy/va runs) cannot see datastore/nas');
    expect(estate.diskReadPath(web, web.disks[0]!, estate.proxy('phys'), 'hot-add', 1024 * 1024).ok).toBe(false);
  });

  it('joins route pieces, adding the coefficients of a resource met twice', () => {
    const va = estate.proxy('va');
    const read = estate.diskReadPath(web, web.disks[0]!, va, 'hot-add', 1024 * 1024);
    if (!read.ok) throw new Error(read.reason);
    const route = joinHops(read.hops, va.processingHops('incremental'));
    const cpu = route.find((h) => h.resource === esx1.cpu)!;
    // 20,000 cycles per 1 MiB I/O for the hypervisor read, 100 cycles/byte of incremental processing.
    expect(cpu.coef).toBeCloseTo(20_000 / (1024 * 1024) + 100, 12);
    expect(route.filter((h) => h.resource === esx1.cpu)).toHaveLength(1);
  });

  it('records which storage can take hardware snapshots and which hosts see it', () => {
    expect(estate.datastore('gold').hardwareSnapshots).toBe(true);
    expect(estate.datastore('nas').hardwareSnapshots).toBe(false);
    expect(esx1.datastores.map((d) => d.name)).toEqual(['gold']);
    expect(estate.host('esx-02').datastores.map((d) => d.name)).toEqual(['gold', 'nas']);
  });

  it('routes application I/O of a VM on shared storage through the host storage link', () => {
    const [path] = web.appIoPaths({ readFraction: 0.5, readIoSizeBytes: 8192, writeIoSizeBytes: 8192 });
    expect(names(path!.hops)).toEqual(['host/esx-01/cpu', 'host/esx-01/storage-link', 'datastore/gold/bandwidth', 'datastore/gold/iops']);
    expect(path!.stages.map((s) => s.name)).toEqual(['host/esx-01/io', 'host/esx-01/storage-link', 'datastore/gold']);
  });
});

describe('the proxy design read-route cache', () => {
  it('answers every (proxy, disk, route kind) in any order exactly as building the route afresh', () => {
    // Idea: the cache may hand out one answer many times, but each answer is
    // the estate's, and asking never changes what a later ask gets.
    const { estate } = build(spec);
    const vms = [estate.vm('web'), estate.vm('files')];
    const proxies = [estate.proxy('phys'), estate.proxy('va')];
    const kinds = ['hot-add', 'network', 'san'] as const;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: 1 }), fc.nat({ max: 1 }), fc.nat({ max: 2 })), { maxLength: 40 }), fc.constantFrom(512 * 1024, 1024 * 1024), (asks, io) => {
        const cache = new ReadRouteCache(estate, io);
        for (const [v, p, k] of asks) {
          const vm = vms[v]!;
          const fresh = buildReadRoute(estate, vm, vm.disks[0]!, proxies[p]!, kinds[k]!, io);
          const cached = cache.route(vm, 0, proxies[p]!, kinds[k]!);
          expect(cached).toEqual(fresh);
          expect(cache.route(vm, 0, proxies[p]!, kinds[k]!)).toBe(cached);
        }
      }),
    );
  });
});
