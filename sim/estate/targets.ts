/**
 * Backup targets as resource bundles behind their NIC. A route to a target is
 * `joinHops(source hops, networkPath(from, target.attachment).hops,
 * target.ingestHops())`; the network path already ends at the target's NIC, so
 * ingest hops are what lies behind it. Code using a target never switches on
 * its kind: it asks for hops (and, for tape, for a drive).
 */
import type { Hop, Resource } from '../flow/network.js';
import type { Simulation } from '../engine/simulation.js';
import { cpuHops, storageHops, type StorageDevice } from './hops.js';
import type { Network, NetworkAttachment } from './network.js';
import type { ResolvedDedupeAppliance, ResolvedDiskRepository } from './resolve-backup.js';

export interface BackupTarget {
  readonly kind: 'disk' | 'dedupe-appliance' | 'tape-library';
  readonly path: string;
  readonly name: string;
  readonly attachment: NetworkAttachment;
  /** Usable capacity, bytes (Infinity when not modelled). */
  readonly capacityBytes: number;
  /** Resources a byte written crosses behind the NIC. */
  ingestHops(): Hop[];
  /** Resources a byte read back crosses behind the NIC. */
  readHops(): Hop[];
}

/** A server with disks: writes in large blocks, bounded by bandwidth and IOPS. */
export class DiskRepository implements BackupTarget, StorageDevice {
  readonly kind = 'disk' as const;
  readonly path: string;
  readonly name: string;
  readonly attachment: NetworkAttachment;
  readonly capacityBytes: number;
  readonly bandwidth: Resource;
  readonly iops: Resource;
  /** Not modelled: no application's I/O path crosses a repository. */
  readonly baseLatencyMs = 0;
  readonly ioSizeBytes: number;

  constructor(sim: Simulation, config: ResolvedDiskRepository, network: Network) {
    this.name = config.name;
    this.path = `target/${config.name}`;
    const nic = sim.resource({ name: `${this.path}/nic`, capacity: config.nicBytesPerSec, unit: 'B/s' });
    this.attachment = { box: this.path, nic, network };
    this.capacityBytes = config.capacityBytes;
    this.bandwidth = sim.resource({ name: `${this.path}/bandwidth`, capacity: config.bandwidthBytesPerSec, unit: 'B/s' });
    this.iops = sim.resource({ name: `${this.path}/iops`, capacity: config.iops, unit: 'IO/s' });
    this.ioSizeBytes = config.ioSizeBytes;
  }

  ingestHops(): Hop[] {
    return storageHops(this, this.ioSizeBytes);
  }

  readHops(): Hop[] {
    return storageHops(this, this.ioSizeBytes);
  }
}

/** A deduplicating appliance: ingest is bound by its NIC and by the CPU that fingerprints each byte. */
export class DedupeAppliance implements BackupTarget {
  readonly kind = 'dedupe-appliance' as const;
  readonly path: string;
  readonly name: string;
  readonly attachment: NetworkAttachment;
  readonly capacityBytes: number;
  /** Cycles/s. */
  readonly cpu: Resource;
  readonly ingestCyclesPerByte: number;
  readonly readCyclesPerByte: number;

  constructor(sim: Simulation, config: ResolvedDedupeAppliance, network: Network) {
    this.name = config.name;
    this.path = `target/${config.name}`;
    const nic = sim.resource({ name: `${this.path}/nic`, capacity: config.nicBytesPerSec, unit: 'B/s' });
    this.attachment = { box: this.path, nic, network };
    this.capacityBytes = config.capacityBytes;
    this.cpu = sim.resource({ name: `${this.path}/cpu`, capacity: config.cores * config.clockGhz * 1e9, unit: 'cycles/s' });
    this.ingestCyclesPerByte = config.ingestCyclesPerByte;
    this.readCyclesPerByte = config.readCyclesPerByte;
  }

  ingestHops(): Hop[] {
    return cpuHops(this.cpu, this.ingestCyclesPerByte);
  }

  readHops(): Hop[] {
    return cpuHops(this.cpu, this.readCyclesPerByte);
  }
}
