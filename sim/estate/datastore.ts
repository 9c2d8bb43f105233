/**
 * A datastore: storage seen by one host (local) or several (SAN, NFS), with a
 * bandwidth and an IOPS resource and a zero-load latency. Whether the array
 * can take hardware snapshots is data a snapshot strategy reads.
 */
import type { Resource } from '../flow/network.js';
import type { Simulation } from '../engine/simulation.js';
import type { StorageDevice } from './hops.js';
import type { Host } from './host.js';
import type { ResolvedDatastore } from './resolve-hardware.js';
import type { DatastoreKind } from './spec.js';

export class Datastore implements StorageDevice {
  readonly path: string;
  readonly name: string;
  readonly kind: DatastoreKind;
  /** Bytes/s. */
  readonly bandwidth: Resource;
  /** I/O operations per second. */
  readonly iops: Resource;
  readonly baseLatencyMs: number;
  readonly hardwareSnapshots: boolean;
  readonly capacityBytes: number;
  /** Hosts that see it, in the order the spec lists them. */
  readonly hosts: readonly Host[];

  constructor(sim: Simulation, config: ResolvedDatastore, hosts: readonly Host[]) {
    this.name = config.name;
    this.path = `datastore/${config.name}`;
    this.kind = config.kind;
    this.bandwidth = sim.resource({ name: `${this.path}/bandwidth`, capacity: config.bandwidthBytesPerSec, unit: 'B/s' });
    this.iops = sim.resource({ name: `${this.path}/iops`, capacity: config.iops, unit: 'IO/s' });
    this.baseLatencyMs = config.baseLatencyMs;
    this.hardwareSnapshots = config.hardwareSnapshots;
    this.capacityBytes = config.capacityBytes;
    this.hosts = hosts;
  }

  /** Shared storage is reached through a host's storage link; a local disk is not. */
  get shared(): boolean {
    return this.kind !== 'local';
  }
}
