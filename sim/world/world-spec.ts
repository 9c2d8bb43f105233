/**
 * The description of a whole simulated world: the physical estate, which
 * hypervisor runs on each host, and what runs inside each machine (OS
 * template, guest tools, applications, how its disks change). Scenario files
 * (issue 5) map onto this; strategies receive the built `World`.
 */
import type { EstateSpec } from '../estate/spec.js';
import type { ChangeProcessOptions } from '../disk/change-config.js';

export interface WorldSpec {
  /** Chunk size of every virtual disk, bytes. Default 1 MiB (DOMAIN.md: Veeam's default block). */
  chunkSizeBytes?: number;
  estate: EstateSpec;
  /** Hypervisor (a PLATFORM_VERSIONS key) per host; hosts not listed run `defaultPlatform`. */
  hypervisors?: readonly HypervisorBinding[];
  /** Default `vsphere-4`. */
  defaultPlatform?: string;
  /** What runs in each machine; a machine without an entry gets `DEFAULT_GUEST`. */
  guests?: readonly GuestBinding[];
  /** Guest writes are applied in batches of this many seconds. Default 900. */
  changeBatchSec?: number;
}

export interface HypervisorBinding {
  host: string;
  platform: string;
}

export interface GuestBinding {
  /** An estate VM or physical server name. */
  machine: string;
  /** OS template (OS_TEMPLATES key). Default `win2016`. */
  template?: string;
  /**
   * Guest tools (GUEST_TOOLS key) or 'none'. Default: the tools of the
   * machine's hypervisor (none on a physical server).
   */
  tools?: string;
  applications?: readonly { kind: string; diskIndex?: number }[];
  /** Application data per disk, bytes (default: none beyond the OS image on disk 0). */
  appDataBytes?: readonly number[];
  /** Change process overrides per disk. */
  change?: readonly (Omit<ChangeProcessOptions, 'name'> | undefined)[];
  /** Guest memory, bytes (memory snapshots). Default the platform's. */
  memoryBytes?: number;
  /** One of the platform's change tracking kinds. Default its first. */
  changeTracking?: string;
}

export const WORLD_DEFAULTS = {
  chunkSizeBytes: 1024 * 1024,
  defaultPlatform: 'vsphere-4',
  template: 'win2016',
  changeBatchSec: 900,
} as const;
