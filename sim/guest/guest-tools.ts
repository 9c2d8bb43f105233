/**
 * Guest tools (VMware Tools, Hyper-V integration services, XenServer tools)
 * and how far a hypervisor's quiesce request reaches into the guest, as data.
 *
 * DOMAIN.md: VMware Tools passes the quiesce to VSS-aware applications (without
 * the tools there is no VSS integration); Hyper-V reaches VSS-aware
 * applications only through the integration services; XenServer image backups
 * are normally crash-consistent, its VSS integration being Windows-only. On
 * Linux the tools can at most freeze the file systems, which makes the image
 * file-system-consistent but does not flush an application's memory.
 */
import type { OsFamily } from '../disk/os-templates.js';

/** How far a quiesce gets: VSS writers, only file systems, or nowhere. */
export type QuiesceReach = 'vss-writers' | 'file-system' | 'none';

export interface GuestToolsSpec {
  /** The hypervisor family the tools belong to (platforms check this). */
  platform: 'vsphere' | 'hyper-v' | 'xenserver';
  reach: Readonly<Record<OsFamily, QuiesceReach>>;
  description: string;
}

export const GUEST_TOOLS = {
  'vmware-tools': {
    platform: 'vsphere',
    reach: { windows: 'vss-writers', linux: 'file-system' },
    description: 'VMware Tools (VSS requester on Windows, file-system sync on Linux)',
  },
  'hyperv-integration-services': {
    platform: 'hyper-v',
    reach: { windows: 'vss-writers', linux: 'file-system' },
    description: 'Hyper-V integration services (backup integration through VSS; fsfreeze on Linux)',
  },
  'xen-tools': {
    platform: 'xenserver',
    reach: { windows: 'vss-writers', linux: 'none' },
    description: 'XenServer tools (VSS-quiesced snapshots on Windows only)',
  },
} as const satisfies Record<string, GuestToolsSpec>;

export type GuestToolsName = keyof typeof GUEST_TOOLS;
