/**
 * The catalog of change trackers, as data: each kind's capabilities and how to
 * build it on a disk. Platforms pick a tracker by kind (`createTracker`) and
 * read its capabilities instead of switching on the kind.
 */
import { requireKnown } from '../disk/config-checks.js';
import type { VirtualDisk } from '../disk/virtual-disk.js';
import type { ChangeTracker, TrackerCapabilities, TrackerKind } from './change-areas.js';
import { FULL_READ_CAPABILITIES, FullReadTracker } from './full-read.js';
import { HYPERV_RCT_CAPABILITIES, HyperVRct } from './hyperv-rct.js';
import { VMWARE_CBT_CAPABILITIES, VmwareCbt } from './vmware-cbt.js';
import { VSS_SHADOW_COPY_CAPABILITIES, VssShadowCopyTracker, type VssShadowCopyOptions } from './vss-shadow-copy.js';
import { XEN_CBT_CAPABILITIES, XenCbt } from './xen-cbt.js';
import { XEN_CUMULATIVE_CAPABILITIES, XenCumulative } from './xen-cumulative.js';

/** Options some tracker kinds take (the others ignore them). */
export type TrackerOptions = VssShadowCopyOptions;

interface TrackerEntry {
  capabilities: TrackerCapabilities;
  create: (disk: VirtualDisk, options: TrackerOptions) => ChangeTracker;
  description: string;
}

export const TRACKERS: Readonly<Record<TrackerKind, TrackerEntry>> = {
  'vmware-cbt': { capabilities: VMWARE_CBT_CAPABILITIES, create: (d) => new VmwareCbt(d), description: 'VMware CBT (vSphere 4+)' },
  'hyperv-rct': { capabilities: HYPERV_RCT_CAPABILITIES, create: (d) => new HyperVRct(d), description: 'Hyper-V RCT (2016+)' },
  'hyperv-full-read': { capabilities: FULL_READ_CAPABILITIES, create: (d) => new FullReadTracker(d), description: 'No tracking: full read' },
  'vss-shadow-copy': {
    capabilities: VSS_SHADOW_COPY_CAPABILITIES,
    create: (d, o) => new VssShadowCopyTracker(d, o),
    description: 'Retained VSS shadow copy (2008 R2 era)',
  },
  'xen-cbt': { capabilities: XEN_CBT_CAPABILITIES, create: (d) => new XenCbt(d), description: 'XenServer CBT (7.3+)' },
  'xen-cumulative': {
    capabilities: XEN_CUMULATIVE_CAPABILITIES,
    create: (d) => new XenCumulative(d),
    description: 'XenServer before 7.3: cumulative incrementals against the last full',
  },
};

/** Builds a tracker by kind; an unknown kind is a ConfigError listing the known ones. */
export function createTracker(kind: string, disk: VirtualDisk, options: TrackerOptions = {}): ChangeTracker {
  return requireKnown<TrackerEntry>(disk.name, 'changeTracking', TRACKERS, kind).create(disk, options);
}
