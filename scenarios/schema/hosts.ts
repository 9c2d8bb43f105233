/**
 * The physical side of a scenario: sites, networks, WAN links, hypervisor
 * hosts and datastores. Keys are short and carry no unit: the value carries
 * it (`nic: 1 Gbit/s`, `latency: 0.5 ms`); a plain number is in the engine's
 * unit (bytes/s, ms). References between components are by name and are
 * checked after the schema (scenarios/references.ts).
 */
import * as z from 'zod';
import { PLATFORM_VERSIONS } from '../../sim/platform/platform-versions.js';
import { LIMITS } from './defaults.js';
import { bool, bytes, list, name, obj, oneOf, plainNumber, quantity, text, wholeNumber } from './fields.js';
import { parseGhz, parseLatencyMs, parseRate, parseSize } from './units.js';

export const PLATFORM_NAMES = Object.keys(PLATFORM_VERSIONS) as (keyof typeof PLATFORM_VERSIONS)[];

export const rate = (description: string) => quantity(parseRate, `${description} (e.g. "500 MB/s", "10 Gbit/s")`, { above: 0, max: LIMITS.bytesPerSec, why: 'limit 1 TB/s' });
export const latency = (description: string) => quantity(parseLatencyMs, `${description} (e.g. "0.5 ms")`, { min: 0, max: 60_000 });
export const clock = () => quantity(parseGhz, 'core clock (e.g. "2.5 GHz")', { above: 0, max: LIMITS.clockGhz, why: 'limit 10 GHz' });
export const cores = (description = 'physical cores') => wholeNumber(description, { min: 1, max: LIMITS.cores });
export const capacity = () => quantity(parseSize, 'usable capacity (e.g. "100 TB")', bytes('capacity', { above: 0, max: LIMITS.capacityBytes }));
/** Hypervisor platforms a host can run (`physical` is for machines without one). */
export const HYPERVISOR_NAMES = PLATFORM_NAMES.filter((p) => p !== 'physical');
export const platform = () => oneOf(HYPERVISOR_NAMES, 'hypervisor platform and version');

export const siteSchema = obj({ name: name('site name'), description: text('what the site is').optional() }, 'a site (data centre)');

export const networkSchema = obj(
  {
    name: name('network name'),
    site: name('site the network is in').optional(),
    uplink: rate('switch uplink to the site core').optional(),
    latency: latency('one-way latency across the segment').optional(),
  },
  'a LAN segment',
);

export const wanLinkSchema = obj(
  {
    name: name('WAN link name'),
    sites: z.tuple([name('site'), name('site')], { error: 'must list exactly two sites' }),
    bandwidth: rate('bandwidth, both directions shared').optional(),
    latency: latency('one-way latency').optional(),
  },
  'a link between two sites',
);

export const hostSchema = obj(
  {
    name: name('host name, or a pattern like "esx-{i:2}" with count', true),
    count: wholeNumber('how many such hosts', { min: 1, max: LIMITS.hosts }).optional(),
    platform: platform().optional(),
    network: name('LAN of the host NIC').optional(),
    cores: cores().optional(),
    clock: clock().optional(),
    nic: rate('NIC bandwidth').optional(),
    storageLink: rate('HBA or storage NIC bandwidth').optional(),
    cyclesPerIo: plainNumber('hypervisor CPU cycles per guest I/O', { min: 0, max: 1e9 }).optional(),
    ioLatency: latency('latency the hypervisor I/O path adds').optional(),
    storageLinkLatency: latency('latency of the storage link').optional(),
  },
  'a hypervisor host (or `count` identical hosts)',
);

export const datastoreSchema = obj(
  {
    name: name('datastore name'),
    kind: oneOf(['local', 'san', 'nfs'] as const, 'datastore kind'),
    hosts: list(name('host'), LIMITS.hosts, 'host names').optional(),
    bandwidth: rate('aggregate bandwidth').optional(),
    iops: plainNumber('aggregate I/O operations per second', { above: 0, max: LIMITS.iops }).optional(),
    latency: latency('service latency of one I/O at zero load').optional(),
    hardwareSnapshots: bool('the array takes hardware snapshots').optional(),
    capacity: capacity().optional(),
  },
  'a datastore',
);

export type HostInput = z.output<typeof hostSchema>;
export type DatastoreInput = z.output<typeof datastoreSchema>;
