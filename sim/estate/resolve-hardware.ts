/**
 * Defaults and validation for the physical layer: networks, WAN links, hosts
 * and datastores. Each function returns fully filled configurations or throws
 * a ConfigError naming the component.
 */
import { ConfigError, requireNonNegative, requirePositive } from '../engine/errors.js';
import { requireBoolean, requireCapacityBytes, requireCount, requireOneOf, requireRef } from './checks.js';
import { DATASTORE_DEFAULTS, HOST_DEFAULTS, NETWORK_DEFAULTS, WAN_DEFAULTS } from './defaults.js';
import type { DatastoreKind, DatastoreSpec, HostSpec, NetworkSpec, WanLinkSpec } from './spec.js';

export type ResolvedNetwork = Required<NetworkSpec>;
export type ResolvedWanLink = Required<WanLinkSpec>;
export type ResolvedHost = Required<HostSpec>;
export type ResolvedDatastore = Required<DatastoreSpec>;

const DATASTORE_KINDS: readonly DatastoreKind[] = ['local', 'san', 'nfs'];

/** Networks as given, or the one implicit network when none are. */
export function resolveNetworks(specs: readonly NetworkSpec[]): ResolvedNetwork[] {
  const list = specs.length > 0 ? specs : [{ name: NETWORK_DEFAULTS.implicitName }];
  return list.map((s) => {
    const c = `network/${s.name}`;
    const site = s.site ?? NETWORK_DEFAULTS.site;
    if (typeof site !== 'string' || site.length === 0) throw new ConfigError(c, 'site', site, 'be a non-empty string');
    return {
      name: s.name,
      site,
      uplinkBytesPerSec: requirePositive(c, 'uplinkBytesPerSec', s.uplinkBytesPerSec ?? NETWORK_DEFAULTS.uplinkBytesPerSec),
      latencyMs: requireNonNegative(c, 'latencyMs', s.latencyMs ?? NETWORK_DEFAULTS.latencyMs),
    };
  });
}

export function resolveWanLinks(specs: readonly WanLinkSpec[], networks: readonly ResolvedNetwork[]): ResolvedWanLink[] {
  const sites = [...new Set(networks.map((n) => n.site))];
  const pairs = new Set<string>();
  return specs.map((s) => {
    const c = `wan/${s.name}`;
    const ends = s.sites;
    if (!Array.isArray(ends) || ends.length !== 2) throw new ConfigError(c, 'sites', ends, 'be a pair of site names');
    const a = requireRef(c, 'sites[0]', ends[0], sites, 'site');
    const b = requireRef(c, 'sites[1]', ends[1], sites, 'site');
    if (a === b) throw new ConfigError(c, 'sites', ends, 'join two different sites');
    const key = [a, b].sort().join('\u0000');
    if (pairs.has(key)) throw new ConfigError(c, 'sites', ends, 'be a pair no other WAN link joins');
    pairs.add(key);
    return {
      name: s.name,
      sites: [a, b] as const,
      bandwidthBytesPerSec: requirePositive(c, 'bandwidthBytesPerSec', s.bandwidthBytesPerSec ?? WAN_DEFAULTS.bandwidthBytesPerSec),
      latencyMs: requireNonNegative(c, 'latencyMs', s.latencyMs ?? WAN_DEFAULTS.latencyMs),
    };
  });
}

export function resolveHosts(specs: readonly HostSpec[], networkNames: readonly string[]): ResolvedHost[] {
  const d = HOST_DEFAULTS;
  return specs.map((s) => {
    const c = `host/${s.name}`;
    return {
      name: s.name,
      cores: requireCount(c, 'cores', s.cores ?? d.cores),
      clockGhz: requirePositive(c, 'clockGhz', s.clockGhz ?? d.clockGhz),
      network: requireRef(c, 'network', s.network ?? networkNames[0], networkNames, 'network'),
      nicBytesPerSec: requirePositive(c, 'nicBytesPerSec', s.nicBytesPerSec ?? d.nicBytesPerSec),
      storageLinkBytesPerSec: requirePositive(c, 'storageLinkBytesPerSec', s.storageLinkBytesPerSec ?? d.storageLinkBytesPerSec),
      cyclesPerIo: requireNonNegative(c, 'cyclesPerIo', s.cyclesPerIo ?? d.cyclesPerIo),
      ioLatencyMs: requireNonNegative(c, 'ioLatencyMs', s.ioLatencyMs ?? d.ioLatencyMs),
      storageLinkLatencyMs: requireNonNegative(c, 'storageLinkLatencyMs', s.storageLinkLatencyMs ?? d.storageLinkLatencyMs),
    };
  });
}

export function resolveDatastores(specs: readonly DatastoreSpec[], hostNames: readonly string[]): ResolvedDatastore[] {
  return specs.map((s) => {
    const c = `datastore/${s.name}`;
    const kind = requireOneOf(c, 'kind', DATASTORE_KINDS, s.kind);
    const d = DATASTORE_DEFAULTS[kind];
    const hosts = resolveDatastoreHosts(c, kind, s.hosts, hostNames);
    const hardwareSnapshots = requireBoolean(c, 'hardwareSnapshots', s.hardwareSnapshots ?? false);
    if (hardwareSnapshots && kind === 'local') {
      throw new ConfigError(c, 'hardwareSnapshots', true, 'be false for a local datastore (only an array takes hardware snapshots)');
    }
    return {
      name: s.name,
      kind,
      hosts,
      bandwidthBytesPerSec: requirePositive(c, 'bandwidthBytesPerSec', s.bandwidthBytesPerSec ?? d.bandwidthBytesPerSec),
      iops: requirePositive(c, 'iops', s.iops ?? d.iops),
      baseLatencyMs: requirePositive(c, 'baseLatencyMs', s.baseLatencyMs ?? d.baseLatencyMs),
      hardwareSnapshots,
      capacityBytes: requireCapacityBytes(c, 'capacityBytes', s.capacityBytes ?? Infinity),
    };
  });
}

function resolveDatastoreHosts(c: string, kind: DatastoreKind, hosts: unknown, hostNames: readonly string[]): string[] {
  if (!Array.isArray(hosts) || hosts.length === 0) throw new ConfigError(c, 'hosts', hosts, 'list at least one host that sees the datastore');
  if (kind === 'local' && hosts.length !== 1) throw new ConfigError(c, 'hosts', hosts, 'list exactly one host for a local datastore');
  const out = hosts.map((h: unknown, i) => requireRef(c, `hosts[${i}]`, h, hostNames, 'host'));
  if (new Set(out).size !== out.length) throw new ConfigError(c, 'hosts', hosts, 'name each host once');
  return out;
}
