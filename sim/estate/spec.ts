/**
 * The estate as data: the plain, typed description an architect writes (the
 * scenario format maps onto it). Every component is an entry in an array with
 * a `name`; references between components are by name. Optional fields have
 * defaults, all filled in one place (`defaults.ts`), which also says where each
 * default comes from.
 *
 * Units are in the field names: bytes, bytes/s, GHz, ms, seconds.
 */
import type { WorkloadSpec } from '../workload/workload-spec.js';
import type { LtoGenerationName } from './lto.js';

export interface EstateSpec {
  hosts: readonly HostSpec[];
  datastores: readonly DatastoreSpec[];
  /** LAN segments. Default: one network `lan` with default figures. */
  networks?: readonly NetworkSpec[];
  /** Links between sites; traffic between networks of different sites crosses one. Default none. */
  wanLinks?: readonly WanLinkSpec[];
  proxies?: readonly ProxySpec[];
  targets?: readonly TargetSpec[];
  vms?: readonly VmSpec[];
  physicalServers?: readonly PhysicalServerSpec[];
}

/** A hypervisor host. Its CPU, NIC and storage link are shared by everything running on it. */
export interface HostSpec {
  name: string;
  /** Physical cores. Default 16. */
  cores?: number;
  /** Core clock rate, GHz. Default 2.5. */
  clockGhz?: number;
  /** LAN the host's NIC is attached to. Default: the first network. */
  network?: string;
  /** NIC bandwidth, bytes/s. Default 1.25e9 (10 GbE). */
  nicBytesPerSec?: number;
  /** The host's path to shared (SAN/NFS) storage: HBA or storage NIC, bytes/s. Default 1e9. */
  storageLinkBytesPerSec?: number;
  /** Hypervisor CPU cycles spent per guest I/O. Default 20,000. */
  cyclesPerIo?: number;
  /** Zero-load latency the hypervisor's I/O path adds to each guest I/O, ms. Default 0.05. */
  ioLatencyMs?: number;
  /** Zero-load latency of the storage link (shared datastores only), ms. Default 0.1. */
  storageLinkLatencyMs?: number;
}

export type DatastoreKind = 'local' | 'san' | 'nfs';

export interface DatastoreSpec {
  name: string;
  kind: DatastoreKind;
  /** Hosts that can see the datastore. A local datastore has exactly one. */
  hosts: readonly string[];
  /** Aggregate bandwidth, bytes/s. Default by kind (see defaults.ts). */
  bandwidthBytesPerSec?: number;
  /** Aggregate I/O operations per second. Default by kind. */
  iops?: number;
  /** Service latency of one I/O at zero load, ms. Default by kind. */
  baseLatencyMs?: number;
  /** The array can take hardware snapshots (never a local disk). Default false. */
  hardwareSnapshots?: boolean;
  /** Usable capacity, bytes. Default Infinity (not checked). */
  capacityBytes?: number;
}

/** A switched LAN segment. Traffic inside it crosses only the two NICs; traffic leaving it crosses its uplink. */
export interface NetworkSpec {
  name: string;
  /** Site (data centre) the network is in. Default `main`. */
  site?: string;
  /** Switch uplink to the site core, bytes/s (both directions share it). Default 5e9 (40 GbE). */
  uplinkBytesPerSec?: number;
  /** One-way latency across the segment, ms. Default 0.1. */
  latencyMs?: number;
}

/** A WAN link between two sites. */
export interface WanLinkSpec {
  name: string;
  sites: readonly [string, string];
  /** Bandwidth, bytes/s (both directions share it). Default 12.5e6 (100 Mbit/s). */
  bandwidthBytesPerSec?: number;
  /** One-way latency, ms. Default 20. */
  latencyMs?: number;
}

export type ProxySpec = PhysicalProxySpec | VirtualApplianceProxySpec;

interface ProxyCommonSpec {
  name: string;
  /**
   * Concurrent tasks (one task = one VM disk). Default: one per core, and no
   * more than memory allows at 2 GiB per task (Veeam proxy sizing, DOMAIN.md).
   */
  taskSlots?: number;
  /** Memory, GiB. Default 2 GiB per core (Veeam proxy sizing, DOMAIN.md). */
  memoryGib?: number;
}

/** A backup proxy on its own server: own CPU, NIC and (optionally) SAN access. */
export interface PhysicalProxySpec extends ProxyCommonSpec {
  kind: 'physical';
  /** Default 8. */
  cores?: number;
  /** Default 2.5. */
  clockGhz?: number;
  /** Default: the first network. */
  network?: string;
  /** Default 1.25e9 (10 GbE). */
  nicBytesPerSec?: number;
  /** HBA bandwidth for direct SAN reads, bytes/s. Default 1e9. */
  storageLinkBytesPerSec?: number;
  /** SAN datastores the proxy is zoned to read directly. Default none. */
  sanDatastores?: readonly string[];
}

/** A proxy that runs as a VM on a host: its CPU and NIC are the host's. */
export interface VirtualApplianceProxySpec extends ProxyCommonSpec {
  kind: 'virtual-appliance';
  host: string;
  /** Virtual CPUs; at most the host's cores. Default 4. */
  vcpus?: number;
}

export type TargetSpec = DiskRepositorySpec | DedupeApplianceSpec | TapeLibrarySpec;

interface TargetCommonSpec {
  name: string;
  /** Default: the first network. */
  network?: string;
  /** Ingest NIC, bytes/s. Default 1.25e9 (10 GbE). */
  nicBytesPerSec?: number;
}

/** A disk repository: a server with disks. */
export interface DiskRepositorySpec extends TargetCommonSpec {
  kind: 'disk';
  /** Default 1e9. */
  bandwidthBytesPerSec?: number;
  /** Default 10,000. */
  iops?: number;
  /** Size of the repository's write I/Os, bytes. Default 1 MiB (Veeam default block, DOMAIN.md). */
  ioSizeBytes?: number;
  /** Default Infinity. */
  capacityBytes?: number;
}

/** A deduplicating appliance: ingest is bound by its NIC and by the CPU that fingerprints data. */
export interface DedupeApplianceSpec extends TargetCommonSpec {
  kind: 'dedupe-appliance';
  /** Default 16. */
  cores?: number;
  /** Default 2.5. */
  clockGhz?: number;
  /** CPU cycles per ingested byte (chunking, hashing, index lookup). Default 40. */
  ingestCyclesPerByte?: number;
  /** CPU cycles per byte read back (rehydration is random reads). Default 80. */
  readCyclesPerByte?: number;
  /** Default Infinity. */
  capacityBytes?: number;
}

/** A tape library with identical drives. */
export interface TapeLibrarySpec extends TargetCommonSpec {
  kind: 'tape-library';
  generation: LtoGenerationName;
  /** Number of drives. Default 2. */
  drives?: number;
  /** Cartridges available. Default 100. */
  cartridges?: number;
  /** Per-drive overrides of the generation's figures (for tests and odd hardware). */
  drive?: TapeDriveOverrides;
}

export interface TapeDriveOverrides {
  nativeBytesPerSec?: number;
  minStreamBytesPerSec?: number;
  cartridgeBytes?: number;
  bufferBytes?: number;
  repositionSec?: number;
  loadSec?: number;
  locateSec?: number;
  rewindSec?: number;
}

export interface VmDiskSpec {
  datastore: string;
  sizeBytes: number;
}

export interface VmSpec {
  name: string;
  host: string;
  /** Default 2. At most the host's cores. */
  vcpus?: number;
  /** At least one disk. Application I/O is spread over the disks in proportion to their size. */
  disks: readonly VmDiskSpec[];
  /** Production workload. Default: the workload defaults; 'idle' for none. */
  workload?: WorkloadSpec | 'idle';
}

/** A physical server (no hypervisor): its own CPU, disk and NIC. */
export interface PhysicalServerSpec {
  name: string;
  /** Default 8. */
  cores?: number;
  /** Default 2.5. */
  clockGhz?: number;
  /** Default: the first network. */
  network?: string;
  /** Default 1.25e9 (10 GbE). */
  nicBytesPerSec?: number;
  disk: PhysicalDiskSpec;
  workload?: WorkloadSpec | 'idle';
}

export interface PhysicalDiskSpec {
  sizeBytes: number;
  /** Default 500e6 (the local datastore default). */
  bandwidthBytesPerSec?: number;
  /** Default 5,000. */
  iops?: number;
  /** Default 0.5. */
  baseLatencyMs?: number;
}
