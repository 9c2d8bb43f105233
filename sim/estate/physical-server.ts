/**
 * A physical server (no hypervisor): its own CPU, disk and NIC. Backed up by
 * an agent or not at all; its application competes only with what runs on it.
 */
import type { Hop, Resource } from '../flow/network.js';
import type { Simulation } from '../engine/simulation.js';
import { iosPerByte, type IoMix, type ResolvedWorkload } from '../workload/workload-spec.js';
import { ioCpuHops, joinHops, mixedStorageHops, storageStage, type StorageDevice } from './hops.js';
import type { AppIoPath, Machine } from './machine.js';
import type { Network, NetworkAttachment } from './network.js';
import type { ResolvedPhysicalServer } from './resolve-machines.js';

export interface PhysicalDisk extends StorageDevice {
  readonly sizeBytes: number;
}

export class PhysicalServer implements Machine {
  readonly kind = 'physical' as const;
  readonly hostName = null;
  readonly path: string;
  readonly name: string;
  readonly cores: number;
  readonly clockHz: number;
  readonly cpu: Resource;
  readonly nic: Resource;
  readonly disk: PhysicalDisk;
  readonly attachment: NetworkAttachment;
  readonly cyclesPerIo: number;
  readonly ioLatencyMs: number;
  readonly workload: ResolvedWorkload | null;

  constructor(sim: Simulation, config: ResolvedPhysicalServer, network: Network) {
    this.name = config.name;
    this.path = `physical/${config.name}`;
    this.cores = config.cores;
    this.clockHz = config.clockGhz * 1e9;
    this.cpu = sim.resource({ name: `${this.path}/cpu`, capacity: this.cores * this.clockHz, unit: 'cycles/s' });
    this.nic = sim.resource({ name: `${this.path}/nic`, capacity: config.nicBytesPerSec, unit: 'B/s' });
    const diskPath = `${this.path}/disk`;
    this.disk = {
      path: diskPath,
      sizeBytes: config.disk.sizeBytes,
      bandwidth: sim.resource({ name: `${diskPath}/bandwidth`, capacity: config.disk.bandwidthBytesPerSec, unit: 'B/s' }),
      iops: sim.resource({ name: `${diskPath}/iops`, capacity: config.disk.iops, unit: 'IO/s' }),
      baseLatencyMs: config.disk.baseLatencyMs,
    };
    this.attachment = { box: this.path, nic: this.nic, network };
    this.cyclesPerIo = config.cyclesPerIo;
    this.ioLatencyMs = config.ioLatencyMs;
    this.workload = config.workload;
  }

  computeHops(): Hop[] {
    return [{ resource: this.cpu }];
  }

  appIoPaths(mix: IoMix): AppIoPath[] {
    const hops = joinHops(ioCpuHops(this.cpu, this.cyclesPerIo, iosPerByte(mix)), mixedStorageHops(this.disk, mix));
    const stages = [{ name: `${this.path}/io`, resources: [this.cpu], baseLatencyMs: this.ioLatencyMs }, storageStage(this.disk)];
    return [{ device: this.disk.path, share: 1, hops, stages }];
  }
}
