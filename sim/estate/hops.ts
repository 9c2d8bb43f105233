/**
 * Building blocks of routes. A route is a list of hops (resource, units per
 * byte); these helpers produce the hops of one piece of hardware, and
 * `joinHops` concatenates pieces into one route. Routes are data, so a
 * strategy composes the path its transport takes from these pieces.
 */
import type { Hop, Resource } from '../flow/network.js';
import { joinHops } from '../flow/hops.js';
import { iosPerByte, type IoMix } from '../workload/workload-spec.js';

export { joinHops };

/** Storage with a bandwidth and an IOPS limit: a datastore, a physical disk, a repository. */
export interface StorageDevice {
  readonly path: string;
  /** Bytes/s. */
  readonly bandwidth: Resource;
  /** I/O operations per second. */
  readonly iops: Resource;
  /** Service latency of one I/O at zero load, ms. */
  readonly baseLatencyMs: number;
}

/**
 * One queueing stage of an I/O path for latency purposes: the resources that
 * serve it together (a datastore's bandwidth and IOPS) and its service latency
 * at zero load.
 */
export interface LatencyStage {
  readonly name: string;
  readonly resources: readonly Resource[];
  readonly baseLatencyMs: number;
}


/** Bytes crossing a storage device in I/Os of one size. */
export function storageHops(device: StorageDevice, ioSizeBytes: number): Hop[] {
  return [
    { resource: device.bandwidth, coef: 1 },
    { resource: device.iops, coef: 1 / ioSizeBytes },
  ];
}

/** Bytes crossing a storage device as a read/write mix. */
export function mixedStorageHops(device: StorageDevice, mix: IoMix): Hop[] {
  return [
    { resource: device.bandwidth, coef: 1 },
    { resource: device.iops, coef: iosPerByte(mix) },
  ];
}

/** CPU spent by an I/O stack that costs `cyclesPerIo` per I/O, for I/Os of `iosPerByte`. */
export function ioCpuHops(cpu: Resource, cyclesPerIo: number, iosPerByteValue: number): Hop[] {
  const coef = cyclesPerIo * iosPerByteValue;
  return coef > 0 ? [{ resource: cpu, coef }] : [];
}

/** CPU work of `cyclesPerByte`. */
export function cpuHops(cpu: Resource, cyclesPerByte: number): Hop[] {
  return [{ resource: cpu, coef: cyclesPerByte }];
}

/** The latency stage of a storage device. */
export function storageStage(device: StorageDevice): LatencyStage {
  return { name: device.path, resources: [device.bandwidth, device.iops], baseLatencyMs: device.baseLatencyMs };
}
