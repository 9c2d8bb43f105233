/**
 * How a backup proxy reads a VM disk: the route one byte takes, by transport.
 * These are the three classic VADP transports; later transports compose the
 * same building blocks (`hops.ts`, `networkPath`).
 *
 * - hot-add: a virtual-appliance proxy mounts the snapshot's disk; its host
 *   reads the datastore (hypervisor I/O CPU, storage link if shared).
 * - network: the VM's own host reads the datastore and sends the bytes over
 *   the LAN to the proxy (NBD): the VM's host pays the I/O and its NIC carries
 *   the data.
 * - san: a physical proxy zoned to a SAN datastore reads it directly through
 *   its own HBA; the hosts are not involved.
 *
 * What a transport cannot do here is an outcome, not an error: the result says
 * why, so a strategy can record "fell back to network mode" rather than fail.
 */
import type { Hop } from '../flow/network.js';
import type { Datastore } from './datastore.js';
import { ioCpuHops, joinHops, storageHops } from './hops.js';
import type { Host } from './host.js';
import { networkPath, type WanLink } from './network.js';
import type { Proxy } from './proxy.js';
import type { Vm, VmDisk } from './vm.js';

export type Transport = 'hot-add' | 'network' | 'san';

export type ReadPath = { ok: true; transport: Transport; hops: Hop[] } | { ok: false; transport: Transport; reason: string };

export function diskReadPath(vm: Vm, disk: VmDisk, proxy: Proxy, transport: Transport, ioSizeBytes: number, wanLinks: readonly WanLink[]): ReadPath {
  const ds = disk.datastore;
  if (transport === 'hot-add') {
    const host = proxy.host;
    if (host === null) return { ok: false, transport, reason: `${proxy.path} is not a virtual appliance` };
    if (!host.sees(ds)) return { ok: false, transport, reason: `${host.path} (where ${proxy.path} runs) cannot see ${ds.path}` };
    return { ok: true, transport, hops: hostReadHops(host, ds, ioSizeBytes) };
  }
  if (transport === 'san') {
    const hba = proxy.sanAccessHops(ds);
    if (hba === null) return { ok: false, transport, reason: `${proxy.path} is not zoned to read ${ds.path} over the SAN` };
    return { ok: true, transport, hops: joinHops(hba, storageHops(ds, ioSizeBytes)) };
  }
  const net = networkPath(vm.attachment, proxy.attachment, wanLinks);
  return { ok: true, transport, hops: joinHops(hostReadHops(vm.host, ds, ioSizeBytes), net.hops) };
}

/** A host reading a datastore in I/Os of `ioSizeBytes`: hypervisor I/O CPU, storage link if shared, the datastore. */
export function hostReadHops(host: Host, ds: Datastore, ioSizeBytes: number): Hop[] {
  const link: Hop[] = ds.shared ? [{ resource: host.storageLink }] : [];
  return joinHops(ioCpuHops(host.cpu, host.cyclesPerIo, 1 / ioSizeBytes), link, storageHops(ds, ioSizeBytes));
}
