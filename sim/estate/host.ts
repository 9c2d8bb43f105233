/**
 * A hypervisor host: cores at a clock rate (one CPU resource in cycles/s), a
 * NIC, and a storage link to shared datastores. Everything placed on the host
 * (its VMs' applications, a virtual-appliance proxy, hypervisor I/O for
 * backups) consumes these same resources, which is where contention between
 * production and backup comes from.
 */
import type { Resource } from '../flow/network.js';
import type { Simulation } from '../engine/simulation.js';
import type { Datastore } from './datastore.js';
import type { Network, NetworkAttachment } from './network.js';
import type { ResolvedHost } from './resolve-hardware.js';

export class Host {
  readonly path: string;
  readonly name: string;
  readonly cores: number;
  readonly clockHz: number;
  /** CPU, cycles/s: cores * clock. */
  readonly cpu: Resource;
  /** NIC, bytes/s. */
  readonly nic: Resource;
  /** HBA or storage NIC towards SAN/NFS datastores, bytes/s. */
  readonly storageLink: Resource;
  readonly network: Network;
  readonly attachment: NetworkAttachment;
  /** Hypervisor CPU cycles per guest I/O. */
  readonly cyclesPerIo: number;
  /** Zero-load latency of the hypervisor I/O path and of the storage link, ms. */
  readonly ioLatencyMs: number;
  readonly storageLinkLatencyMs: number;
  /** Datastores this host sees, in estate order (filled when the estate is built). */
  readonly datastores: Datastore[] = [];

  constructor(sim: Simulation, config: ResolvedHost, network: Network) {
    this.name = config.name;
    this.path = `host/${config.name}`;
    this.cores = config.cores;
    this.clockHz = config.clockGhz * 1e9;
    this.cpu = sim.resource({ name: `${this.path}/cpu`, capacity: this.cores * this.clockHz, unit: 'cycles/s' });
    this.nic = sim.resource({ name: `${this.path}/nic`, capacity: config.nicBytesPerSec, unit: 'B/s' });
    this.storageLink = sim.resource({ name: `${this.path}/storage-link`, capacity: config.storageLinkBytesPerSec, unit: 'B/s' });
    this.network = network;
    this.attachment = { box: this.path, nic: this.nic, network };
    this.cyclesPerIo = config.cyclesPerIo;
    this.ioLatencyMs = config.ioLatencyMs;
    this.storageLinkLatencyMs = config.storageLinkLatencyMs;
  }

  sees(datastore: Datastore): boolean {
    return this.datastores.includes(datastore);
  }
}
