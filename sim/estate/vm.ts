/**
 * A VM placed on a host, with disks on datastores the host sees. Its vCPUs are
 * a resource of their own (capacity vcpus * host clock) on top of the host
 * CPU, so a guest can never use more than its vCPUs, and anything running
 * inside it (its application, an in-guest backup agent) competes for them.
 */
import type { Hop, Resource } from '../flow/network.js';
import type { Simulation } from '../engine/simulation.js';
import { iosPerByte, type IoMix, type ResolvedWorkload } from '../workload/workload-spec.js';
import type { Datastore } from './datastore.js';
import { ioCpuHops, joinHops, mixedStorageHops, storageStage, type LatencyStage } from './hops.js';
import type { Host } from './host.js';
import type { AppIoPath, Machine } from './machine.js';
import type { NetworkAttachment } from './network.js';
import type { ResolvedVm } from './resolve-machines.js';

export interface VmDisk {
  /** `vm/web-017/disk/0`. */
  readonly path: string;
  readonly index: number;
  readonly datastore: Datastore;
  readonly sizeBytes: number;
}

export class Vm implements Machine {
  readonly kind = 'vm' as const;
  readonly path: string;
  readonly name: string;
  readonly host: Host;
  readonly vcpus: number;
  /** The guest's vCPUs, cycles/s. */
  readonly vcpu: Resource;
  readonly disks: readonly VmDisk[];
  readonly workload: ResolvedWorkload | null;

  constructor(sim: Simulation, config: ResolvedVm, host: Host, datastores: ReadonlyMap<string, Datastore>) {
    this.name = config.name;
    this.path = `vm/${config.name}`;
    this.host = host;
    this.vcpus = config.vcpus;
    this.vcpu = sim.resource({ name: `${this.path}/vcpu`, capacity: this.vcpus * host.clockHz, unit: 'cycles/s' });
    // Pushed, not mapped: V8's optimized map() makes holey arrays and its unoptimized one packed
    // arrays, and the code reading a VM's disks would be deoptimized whenever the other kind turned up.
    const disks: VmDisk[] = [];
    for (let index = 0; index < config.disks.length; index++) {
      const d = config.disks[index]!;
      disks.push({ path: `${this.path}/disk/${index}`, index, datastore: datastores.get(d.datastore)!, sizeBytes: d.sizeBytes });
    }
    this.disks = disks;
    this.workload = config.workload;
  }

  get hostName(): string {
    return this.host.name;
  }

  get clockHz(): number {
    return this.host.clockHz;
  }

  /** A VM's traffic leaves through its host's NIC. */
  get attachment(): NetworkAttachment {
    return this.host.attachment;
  }

  get sizeBytes(): number {
    return this.disks.reduce((sum, d) => sum + d.sizeBytes, 0);
  }

  computeHops(): Hop[] {
    return [{ resource: this.vcpu }, { resource: this.host.cpu }];
  }

  /**
   * One path per datastore the VM has disks on; I/O divides between them in
   * proportion to disk size. An application I/O costs hypervisor CPU, crosses
   * the host's storage link when the datastore is shared, and is served by the
   * datastore's bandwidth and IOPS.
   */
  appIoPaths(mix: IoMix): AppIoPath[] {
    const total = this.sizeBytes;
    const out: AppIoPath[] = [];
    for (const ds of [...new Set(this.disks.map((d) => d.datastore))]) {
      const bytes = this.disks.filter((d) => d.datastore === ds).reduce((sum, d) => sum + d.sizeBytes, 0);
      out.push({ device: ds.path, share: bytes / total, hops: vmIoHops(this.host, ds, mix), stages: vmIoStages(this.host, ds) });
    }
    return out;
  }
}

/** Route of one byte of guest I/O from a host to a datastore. */
export function vmIoHops(host: Host, ds: Datastore, mix: IoMix): Hop[] {
  const link: Hop[] = ds.shared ? [{ resource: host.storageLink }] : [];
  return joinHops(ioCpuHops(host.cpu, host.cyclesPerIo, iosPerByte(mix)), link, mixedStorageHops(ds, mix));
}

/** Latency stages of guest I/O: hypervisor I/O path, storage link (shared storage), datastore. */
export function vmIoStages(host: Host, ds: Datastore): LatencyStage[] {
  const stages: LatencyStage[] = [{ name: `${host.path}/io`, resources: [host.cpu], baseLatencyMs: host.ioLatencyMs }];
  if (ds.shared) stages.push({ name: `${host.path}/storage-link`, resources: [host.storageLink], baseLatencyMs: host.storageLinkLatencyMs });
  stages.push(storageStage(ds));
  return stages;
}
