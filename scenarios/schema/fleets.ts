/**
 * VM fleets and physical servers. A fleet is `count` VMs made from one
 * description: names from a pattern, placed over hosts round-robin (or
 * filling each host in turn), optionally cycling through `variants` that
 * override some fields (VM i takes variant i mod n). Name tokens:
 *
 *   {i} 1-based index in the fleet     {i0} 0-based
 *   {h} 1-based index of the VM's host among the fleet's hosts, {h0} 0-based
 *   {s} 1-based index of the VM on its host within the fleet,   {s0} 0-based
 *   {host} the host's name             {variant} the variant's name
 *   {i:3} any number token zero-padded to 3 digits
 *
 * A pattern with no token and count > 1 gets "-{i}" appended.
 */
import * as z from 'zod';
import { LIMITS } from './defaults.js';
import { list, name, obj, oneOf, plainNumber, wholeNumber } from './fields.js';
import { HYPERVISOR_NAMES, clock, cores, latency, rate } from './hosts.js';
import { appData, changeSchema, diskSize, guestFields } from './guest.js';

export const vmDiskSchema = obj(
  {
    size: diskSize('disk size'),
    datastore: name('datastore the disk is on').optional(),
    appData: appData().optional(),
    change: changeSchema.optional(),
  },
  'a virtual disk',
);

const machineFields = {
  vcpus: cores('virtual CPUs').optional(),
  disks: list(vmDiskSchema, LIMITS.disksPerVm, 'disks').min(1, { error: 'must list at least one disk' }).optional(),
  ...guestFields,
};

export const variantSchema = obj({ name: name('variant name, the {variant} token'), ...machineFields }, 'fields some VMs of a fleet override');

export const placementSchema = obj(
  {
    hosts: list(name('host'), LIMITS.hosts, 'host names').min(1, { error: 'must list at least one host' }).optional(),
    mode: oneOf(['round-robin', 'fill'] as const, 'round-robin: one VM per host in turn; fill: perHost VMs on each host in turn').optional(),
    perHost: wholeNumber('VMs per host when filling', { min: 1, max: LIMITS.vms }).optional(),
  },
  'which hosts the fleet runs on',
);

export const fleetSchema = obj(
  {
    name: name('VM name pattern, e.g. "web-{i:3}"', true),
    count: wholeNumber('how many VMs', { min: 1, max: LIMITS.vms }).optional(),
    platform: oneOf(HYPERVISOR_NAMES, 'hypervisor platform: the fleet runs on hosts of this platform').optional(),
    placement: placementSchema.optional(),
    variants: list(variantSchema, 100, 'variants').min(1, { error: 'must list at least one variant' }).optional(),
    ...machineFields,
  },
  'a fleet of VMs',
);

export const physicalDiskSchema = obj(
  {
    size: diskSize('disk size'),
    bandwidth: rate('disk bandwidth').optional(),
    iops: plainNumber('I/O operations per second', { above: 0, max: LIMITS.iops }).optional(),
    latency: latency('service latency at zero load').optional(),
    appData: appData().optional(),
    change: changeSchema.optional(),
  },
  "a physical server's disk",
);

export const physicalServerSchema = obj(
  {
    name: name('server name, or a pattern with count', true),
    count: wholeNumber('how many such servers', { min: 1, max: LIMITS.physicalServers }).optional(),
    cores: cores().optional(),
    clock: clock().optional(),
    network: name('LAN of the server NIC').optional(),
    nic: rate('NIC bandwidth').optional(),
    disk: physicalDiskSchema,
    ...guestFields,
  },
  'a physical server (no hypervisor)',
);

export type VmDiskInput = z.output<typeof vmDiskSchema>;
export type FleetInput = z.output<typeof fleetSchema>;
export type VariantInput = z.output<typeof variantSchema>;
export type PhysicalServerInput = z.output<typeof physicalServerSchema>;
