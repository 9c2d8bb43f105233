/**
 * The catalog of platform versions and their capabilities (DOMAIN.md:
 * VMware vSphere, Microsoft Hyper-V and VSS, Citrix XenServer; DESIGN.md
 * decision 8). Each entry is plain data; `createPlatform` looks a version up
 * here and an unknown name is a ConfigError listing these keys.
 *
 * Notes per entry say where a capability comes from. Instant recovery mount
 * times are illustrative.
 */
import { requireKnown } from '../disk/config-checks.js';
import { ConfigError } from '../engine/errors.js';
import type { PlatformCapabilities } from './capabilities.js';

export const PLATFORM_VERSIONS = {
  // VCB: the snapshot is copied in full to the proxy, which needs holding
  // storage for whole snapshots; no CBT, so only full backups (DOMAIN.md).
  'vsphere-3.5': {
    version: 'vsphere-3.5',
    family: 'vsphere',
    description: 'VMware ESX 3.5 with VMware Consolidated Backup (VCB)',
    toolsPlatform: 'vsphere',
    toolsQuiesce: true,
    snapshotKinds: ['redirect-on-write'],
    defaultSnapshotKind: 'redirect-on-write',
    changeTracking: [],
    transports: ['san', 'network', 'hot-add'],
    readAccess: 'copy-to-holding-area',
    memorySnapshot: false,
    instantRecovery: null,
  },
  // VADP: the proxy reads the snapshot in place (mount, hot-add, network,
  // SAN), CBT makes incrementals read only changed blocks, VMware Tools pass
  // the quiesce to VSS writers (DOMAIN.md). Array snapshots through storage
  // integration on arrays that support them; instant recovery publishes the
  // backup as an NFS datastore (DOMAIN.md, Veeam vPower).
  'vsphere-4': {
    version: 'vsphere-4',
    family: 'vsphere',
    description: 'VMware vSphere 4 with the vStorage APIs for Data Protection (VADP)',
    toolsPlatform: 'vsphere',
    toolsQuiesce: true,
    snapshotKinds: ['redirect-on-write', 'array'],
    defaultSnapshotKind: 'redirect-on-write',
    changeTracking: ['vmware-cbt'],
    transports: ['hot-add', 'network', 'san', 'mount'],
    readAccess: 'in-place',
    memorySnapshot: false,
    instantRecovery: { protocol: 'nfs', mountSec: 10 },
  },
  // VSS: requester (the backup), writers (in the guest, reached through the
  // integration services), providers: the Windows software provider's
  // copy-on-write or a storage vendor's hardware provider. No RCT: a backup
  // reads everything, or keeps a shadow copy to know what changed (DOMAIN.md).
  'hyperv-2008r2': {
    version: 'hyperv-2008r2',
    family: 'hyper-v',
    description: 'Microsoft Hyper-V on Windows Server 2008 R2 (VSS)',
    toolsPlatform: 'hyper-v',
    toolsQuiesce: true,
    snapshotKinds: ['copy-on-write', 'array'],
    defaultSnapshotKind: 'copy-on-write',
    changeTracking: ['hyperv-full-read', 'vss-shadow-copy'],
    transports: ['on-host', 'off-host'],
    readAccess: 'in-place',
    memorySnapshot: false,
    instantRecovery: null,
  },
  // 2016: Resilient Change Tracking in the VHDX (DOMAIN.md); backups take a
  // recovery checkpoint, an AVHDX differencing disk (redirect-on-write)
  // merged on delete; VSS providers remain available. Instant recovery over
  // an SMB3 share.
  'hyperv-2016': {
    version: 'hyperv-2016',
    family: 'hyper-v',
    description: 'Microsoft Hyper-V on Windows Server 2016 (RCT, recovery checkpoints)',
    toolsPlatform: 'hyper-v',
    toolsQuiesce: true,
    snapshotKinds: ['redirect-on-write', 'copy-on-write', 'array'],
    defaultSnapshotKind: 'redirect-on-write',
    changeTracking: ['hyperv-rct'],
    transports: ['on-host', 'off-host'],
    readAccess: 'in-place',
    memorySnapshot: false,
    instantRecovery: { protocol: 'smb3', mountSec: 10 },
  },
  // XAPI full or incremental disk snapshots (VHD differencing disks), crash
  // consistent unless quiesced through the Windows VSS provider of the
  // tools; memory snapshots for Windows only; array snapshots on supported
  // storage. Before 7.3 incrementals are cumulative against the last full.
  'xenserver-5.6': {
    version: 'xenserver-5.6',
    family: 'xenserver',
    description: 'Citrix XenServer 5.6 (XAPI)',
    toolsPlatform: 'xenserver',
    toolsQuiesce: true,
    snapshotKinds: ['redirect-on-write', 'array'],
    defaultSnapshotKind: 'redirect-on-write',
    changeTracking: ['xen-cumulative'],
    transports: ['xapi-export'],
    readAccess: 'in-place',
    memorySnapshot: true,
    instantRecovery: null,
  },
  // 7.3 adds changed block tracking (DOMAIN.md).
  'xenserver-7.3': {
    version: 'xenserver-7.3',
    family: 'xenserver',
    description: 'Citrix XenServer 7.3 (XAPI with changed block tracking)',
    toolsPlatform: 'xenserver',
    toolsQuiesce: true,
    snapshotKinds: ['redirect-on-write', 'array'],
    defaultSnapshotKind: 'redirect-on-write',
    changeTracking: ['xen-cbt'],
    transports: ['xapi-export'],
    readAccess: 'in-place',
    memorySnapshot: true,
    instantRecovery: null,
  },
  // No hypervisor: no image snapshot API and no tools quiesce; agents do the
  // work, or an array snapshot of the server's LUN where the array supports
  // it, read off-host by a proxy (DOMAIN.md, "physical and virtual").
  physical: {
    version: 'physical',
    family: 'physical',
    description: 'A physical server (no hypervisor)',
    toolsPlatform: null,
    toolsQuiesce: false,
    snapshotKinds: ['array'],
    defaultSnapshotKind: null,
    changeTracking: [],
    transports: ['off-host'],
    readAccess: 'in-place',
    memorySnapshot: false,
    instantRecovery: null,
  },
} as const satisfies Record<string, PlatformCapabilities>;

export type PlatformVersion = keyof typeof PLATFORM_VERSIONS;

export const PLATFORM_VERSION_NAMES = Object.keys(PLATFORM_VERSIONS) as PlatformVersion[];

/** A copy of a list of platform versions (a product's supported platforms); an unknown name is a ConfigError listing the known ones. */
export function requirePlatformVersions(component: string, field: string, versions: readonly string[]): PlatformVersion[] {
  for (const v of versions) {
    if (!(PLATFORM_VERSION_NAMES as readonly string[]).includes(v)) throw new ConfigError(component, field, v, `be one of ${PLATFORM_VERSION_NAMES.join(', ')}`);
  }
  return [...versions] as PlatformVersion[];
}

/** The capabilities of a version; an unknown name is a ConfigError listing the known ones. */
export function platformCapabilities(version: string, component = 'platform'): PlatformCapabilities {
  return requireKnown<PlatformCapabilities>(component, 'version', PLATFORM_VERSIONS, version);
}
