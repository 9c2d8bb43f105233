/**
 * What a hypervisor platform can do, as one record of data per platform
 * version (STYLE.md, principle 10). The platform implementation reads these
 * fields and nothing else; strategies and reports read them too, and no code
 * anywhere switches on a concrete platform.
 */
import type { GuestToolsSpec } from '../guest/guest-tools.js';
import type { SnapshotKind } from '../snapshot/snapshot-kinds.js';
import type { TrackerKind } from '../tracking/change-areas.js';
import type { TransportName } from './transports.js';

export type PlatformFamily = 'vsphere' | 'hyper-v' | 'xenserver' | 'physical';

export interface InstantRecoveryCapability {
  /** How the backup is presented to the hypervisor (Veeam vPower: NFS). */
  protocol: 'nfs' | 'smb3';
  /** Seconds to publish and mount the datastore (illustrative). */
  mountSec: number;
}

export interface PlatformCapabilities {
  /** Catalog key, e.g. `vsphere-4`. */
  version: string;
  family: PlatformFamily;
  description: string;
  /** The guest tools family the platform talks to (`GUEST_TOOLS[x].platform`); null: no hypervisor in the guest's way. */
  toolsPlatform: GuestToolsSpec['platform'] | null;
  /** The snapshot API can quiesce the guest through its tools. */
  toolsQuiesce: boolean;
  /** Snapshot kinds it can take. */
  snapshotKinds: readonly SnapshotKind[];
  /** The kind an image backup gets when it asks for none; null: no image snapshot API (physical). */
  defaultSnapshotKind: SnapshotKind | null;
  /** Change tracking it offers, default first; empty: none, so every backup reads everything. */
  changeTracking: readonly TrackerKind[];
  /** Transports a proxy can read a snapshot through. */
  transports: readonly TransportName[];
  /** In place (the proxy reads the snapshot where it is) or copied whole to a proxy holding area first (VCB). */
  readAccess: 'in-place' | 'copy-to-holding-area';
  /** Live memory snapshots capturing the running state (for the guests `memorySnapshotSupport` allows). */
  memorySnapshot: boolean;
  /** A backup can be published as a datastore to boot a VM from; null: not on this platform. */
  instantRecovery: InstantRecoveryCapability | null;
}
