/**
 * Where a snapshot's extra I/O lands, without depending on how the estate
 * builds its storage (DESIGN.md, decision 9: snapshot costs are flows on the
 * same resources as everything else).
 *
 * A `SnapshotStorage` is anything with a bandwidth and an IOPS resource and a
 * path: an estate `Datastore` or `PhysicalDisk` fits structurally, and a test
 * can pass two bare resources. `hardwareSnapshots` says whether the array
 * behind it can take its own snapshots (absent means it cannot).
 *
 * `StorageIo` is the route one byte of snapshot I/O crosses, counted once:
 * the storage's bandwidth (1 per byte) and IOPS (1 per `ioSizeBytes`), plus
 * whatever else such I/O crosses on the way (a host's storage link, the
 * hypervisor's CPU). Work that moves a byte k times (a merge reads and
 * writes) uses `scaleHops(io.hops, k)` instead of k flows.
 */
import type { Hop, Resource } from '../flow/network.js';
import { ConfigError, requirePositive } from '../engine/errors.js';

export interface SnapshotStorage {
  /** `datastore/gold-01`, `physical/db-01/disk`. */
  readonly path: string;
  /** Bytes/s. */
  readonly bandwidth: Resource;
  /** I/O operations per second. */
  readonly iops: Resource;
  /** The array can take hardware snapshots of this storage (default false). */
  readonly hardwareSnapshots?: boolean;
}

export interface StorageIo {
  /** Names the flows the snapshot starts, e.g. `datastore/gold-01`. */
  readonly path: string;
  /** The storage itself (its hardware-snapshot support is read from here). */
  readonly storage: SnapshotStorage;
  /** Bytes per I/O operation of snapshot work (the chunk size, usually). */
  readonly ioSizeBytes: number;
  /** Route of one byte of snapshot I/O, each resource once. */
  readonly hops: readonly Hop[];
}

/**
 * The I/O route against a storage device in I/Os of `ioSizeBytes`, with
 * optional extra hops (a host's storage link or I/O CPU) placed first.
 */
export function storageIo(storage: SnapshotStorage, ioSizeBytes: number, extraHops: readonly Hop[] = []): StorageIo {
  requirePositive(storage.path, 'ioSizeBytes', ioSizeBytes);
  const hops: Hop[] = [...extraHops.map((h) => ({ resource: h.resource, coef: h.coef ?? 1 }))];
  for (const hop of [
    { resource: storage.bandwidth, coef: 1 },
    { resource: storage.iops, coef: 1 / ioSizeBytes },
  ]) {
    if (hops.some((h) => h.resource === hop.resource)) {
      throw new ConfigError(storage.path, 'extraHops', hop.resource.name, 'not repeat the storage bandwidth or IOPS resource');
    }
    hops.push(hop);
  }
  return { path: storage.path, storage, ioSizeBytes, hops };
}

/** The same route with every coefficient multiplied by `factor` (a byte that crosses it `factor` times). */
export function scaleHops(hops: readonly Hop[], factor: number): Hop[] {
  // A loop, not map with an arrow made per call, so V8 keeps its optimized code from one run to the next.
  const out: Hop[] = [];
  for (const h of hops) out.push({ resource: h.resource, coef: (h.coef ?? 1) * factor });
  return out;
}

/** True when the array behind the storage takes hardware snapshots. */
export function supportsHardwareSnapshots(storage: SnapshotStorage): boolean {
  return storage.hardwareSnapshots === true;
}

