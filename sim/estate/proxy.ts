/**
 * Backup proxies: the machines that read VM disks and process the data
 * (compress, dedupe, send). A physical proxy has its own CPU, NIC and
 * optionally SAN access; a virtual appliance is a VM on a host, so its CPU
 * work lands on that host's CPU and its traffic on that host's NIC, competing
 * with the VMs it protects (DOMAIN.md, deployment options).
 *
 * Processing is charged in CPU cycles per byte (`PROXY_CYCLES_PER_BYTE`, from
 * Veeam's per-core sizing figures); concurrency is bounded by task slots, one
 * task per VM disk.
 */
import type { Hop, Resource } from '../flow/network.js';
import type { SlotPool } from '../engine/slots.js';
import type { Simulation } from '../engine/simulation.js';
import type { Datastore } from './datastore.js';
import { PROXY_CYCLES_PER_BYTE, type ProxyProcessing } from './defaults.js';
import type { Host } from './host.js';
import type { Network, NetworkAttachment } from './network.js';
import type { ResolvedPhysicalProxy, ResolvedVirtualAppliance } from './resolve-backup.js';

export interface Proxy {
  readonly kind: 'physical' | 'virtual-appliance';
  readonly path: string;
  readonly name: string;
  readonly taskSlots: number;
  /** Acquire one per task (one VM disk); released when the task ends. */
  readonly slots: SlotPool;
  readonly attachment: NetworkAttachment;
  /** The host a virtual appliance runs on; null for a physical proxy. */
  readonly host: Host | null;
  /** CPU hops of processing one byte in this mode. */
  processingHops(mode: ProxyProcessing): Hop[];
  /** The proxy's own hops to read this datastore directly over the SAN; null when it cannot. */
  sanAccessHops(datastore: Datastore): Hop[] | null;
}

export class PhysicalProxy implements Proxy {
  readonly kind = 'physical' as const;
  readonly host = null;
  readonly path: string;
  readonly name: string;
  readonly taskSlots: number;
  readonly slots: SlotPool;
  readonly cpu: Resource;
  readonly nic: Resource;
  /** HBA for direct SAN reads, bytes/s. */
  readonly storageLink: Resource;
  readonly attachment: NetworkAttachment;
  readonly sanDatastores: readonly Datastore[];

  constructor(sim: Simulation, config: ResolvedPhysicalProxy, network: Network, sanDatastores: readonly Datastore[]) {
    this.name = config.name;
    this.path = `proxy/${config.name}`;
    this.taskSlots = config.taskSlots;
    this.slots = sim.slots(`${this.path}/tasks`, config.taskSlots);
    this.cpu = sim.resource({ name: `${this.path}/cpu`, capacity: config.cores * config.clockGhz * 1e9, unit: 'cycles/s' });
    this.nic = sim.resource({ name: `${this.path}/nic`, capacity: config.nicBytesPerSec, unit: 'B/s' });
    this.storageLink = sim.resource({ name: `${this.path}/storage-link`, capacity: config.storageLinkBytesPerSec, unit: 'B/s' });
    this.attachment = { box: this.path, nic: this.nic, network };
    this.sanDatastores = sanDatastores;
  }

  processingHops(mode: ProxyProcessing): Hop[] {
    return [{ resource: this.cpu, coef: PROXY_CYCLES_PER_BYTE[mode] }];
  }

  sanAccessHops(datastore: Datastore): Hop[] | null {
    return this.sanDatastores.includes(datastore) ? [{ resource: this.storageLink }] : null;
  }
}

export class VirtualApplianceProxy implements Proxy {
  readonly kind = 'virtual-appliance' as const;
  readonly path: string;
  readonly name: string;
  readonly taskSlots: number;
  readonly slots: SlotPool;
  readonly host: Host;
  /** The appliance's vCPUs, cycles/s: it cannot use more of the host than these. */
  readonly vcpu: Resource;

  constructor(sim: Simulation, config: ResolvedVirtualAppliance, host: Host) {
    this.name = config.name;
    this.path = `proxy/${config.name}`;
    this.taskSlots = config.taskSlots;
    this.slots = sim.slots(`${this.path}/tasks`, config.taskSlots);
    this.host = host;
    this.vcpu = sim.resource({ name: `${this.path}/vcpu`, capacity: config.vcpus * host.clockHz, unit: 'cycles/s' });
  }

  get attachment(): NetworkAttachment {
    return this.host.attachment;
  }

  /** The same cycles are charged to the appliance's vCPUs and to its host's CPU. */
  processingHops(mode: ProxyProcessing): Hop[] {
    const coef = PROXY_CYCLES_PER_BYTE[mode];
    return [
      { resource: this.vcpu, coef },
      { resource: this.host.cpu, coef },
    ];
  }

  sanAccessHops(): null {
    return null;
  }
}
