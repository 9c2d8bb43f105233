/**
 * Every default of the estate, in one place, with where it comes from.
 *
 * Figures from DOMAIN.md's reference table are cited; the others are
 * illustrative round numbers for hardware of the period (10 GbE, 8 Gb FC,
 * mid-range arrays), chosen so that a backup stream can saturate a datastore
 * or a NIC, which is the contention the simulator is about.
 */
import { MIB } from '../disk/units.js';
import type { DatastoreKind } from './spec.js';

const GBE_10_BYTES_PER_SEC = 1.25e9;

export const HOST_DEFAULTS = {
  cores: 16,
  clockGhz: 2.5,
  nicBytesPerSec: GBE_10_BYTES_PER_SEC,
  // About 8 Gbit/s FC or a 10 GbE storage NIC after protocol overhead.
  storageLinkBytesPerSec: 1e9,
  // Hypervisor storage stack cost per guest I/O (about 8 us of one 2.5 GHz core).
  cyclesPerIo: 20_000,
  ioLatencyMs: 0.05,
  storageLinkLatencyMs: 0.1,
} as const;

/** Datastore defaults by kind: a local RAID set, a mid-range FC array, a NAS filer. */
export const DATASTORE_DEFAULTS: Record<DatastoreKind, { bandwidthBytesPerSec: number; iops: number; baseLatencyMs: number }> = {
  local: { bandwidthBytesPerSec: 500e6, iops: 5_000, baseLatencyMs: 0.5 },
  san: { bandwidthBytesPerSec: 2e9, iops: 50_000, baseLatencyMs: 1 },
  nfs: { bandwidthBytesPerSec: 1e9, iops: 20_000, baseLatencyMs: 2 },
};

export const NETWORK_DEFAULTS = {
  /** Name of the network created when a spec lists none. */
  implicitName: 'lan',
  site: 'main',
  uplinkBytesPerSec: 5e9, // 40 GbE
  latencyMs: 0.1,
} as const;

export const WAN_DEFAULTS = {
  bandwidthBytesPerSec: 12.5e6, // 100 Mbit/s
  latencyMs: 20,
} as const;

/**
 * Veeam proxy sizing (DOMAIN.md): one task = one VM disk, about 1 core and
 * 2 GB of memory per task.
 */
export const PROXY_SIZING = {
  memoryGibPerTask: 2,
  coresPerTask: 1,
} as const;

export const PHYSICAL_PROXY_DEFAULTS = {
  cores: 8,
  clockGhz: 2.5,
  nicBytesPerSec: GBE_10_BYTES_PER_SEC,
  storageLinkBytesPerSec: 1e9,
} as const;

export const VIRTUAL_APPLIANCE_DEFAULTS = {
  vcpus: 4,
} as const;

/**
 * The clock at which the per-core proxy throughput figures below hold. CPU
 * work is charged in cycles, so a faster core processes proportionally more.
 */
export const PROXY_REFERENCE_CLOCK_HZ = 2.5e9;

/**
 * Proxy CPU cost per byte processed (read, compress, dedupe, send), in cycles.
 * Veeam proxy sizing (DOMAIN.md): a full backup runs at about 100 MB/s per
 * core, an incremental at about 25 MB/s per core (changed blocks are scattered,
 * so each byte costs more). At the reference clock: 2.5e9 / 100e6 = 25 and
 * 2.5e9 / 25e6 = 100 cycles per byte.
 */
export const PROXY_CYCLES_PER_BYTE = {
  full: PROXY_REFERENCE_CLOCK_HZ / 100e6,
  incremental: PROXY_REFERENCE_CLOCK_HZ / 25e6,
} as const;

export type ProxyProcessing = keyof typeof PROXY_CYCLES_PER_BYTE;

export const DISK_REPOSITORY_DEFAULTS = {
  nicBytesPerSec: GBE_10_BYTES_PER_SEC,
  bandwidthBytesPerSec: 1e9,
  iops: 10_000,
  // Veeam's default block size for local targets is 1 MiB (DOMAIN.md).
  ioSizeBytes: 1 * MIB,
  capacityBytes: Infinity,
} as const;

export const DEDUPE_APPLIANCE_DEFAULTS = {
  nicBytesPerSec: GBE_10_BYTES_PER_SEC,
  cores: 16,
  clockGhz: 2.5,
  // 16 cores * 2.5 GHz / 40 cycles per byte = 1 GB/s of ingest: CPU-bound below a 10 GbE NIC.
  ingestCyclesPerByte: 40,
  // Rehydration reads are random and slow (DOMAIN.md, instant recovery from an appliance).
  readCyclesPerByte: 80,
  capacityBytes: Infinity,
} as const;

export const TAPE_LIBRARY_DEFAULTS = {
  nicBytesPerSec: GBE_10_BYTES_PER_SEC,
  drives: 2,
  cartridges: 100,
} as const;

export const VM_DEFAULTS = {
  vcpus: 2,
} as const;

export const PHYSICAL_SERVER_DEFAULTS = {
  cores: 8,
  clockGhz: 2.5,
  nicBytesPerSec: GBE_10_BYTES_PER_SEC,
  disk: DATASTORE_DEFAULTS.local,
  // The operating system's I/O stack; the same order as a hypervisor's.
  cyclesPerIo: HOST_DEFAULTS.cyclesPerIo,
  ioLatencyMs: HOST_DEFAULTS.ioLatencyMs,
} as const;
