/**
 * Turns an `EstateSpec` into fully filled, validated configurations, in
 * dependency order (networks before the hosts on them, hosts before the
 * datastores they see, ...). Nothing is built until all of it has passed, so a
 * bad estate fails before any resource exists.
 */
import { ConfigError } from '../engine/errors.js';
import { requireList, requireUniqueNames } from './checks.js';
import { resolveProxies, resolveTargets, type ResolvedProxy, type ResolvedTarget } from './resolve-backup.js';
import {
  resolveDatastores,
  resolveHosts,
  resolveNetworks,
  resolveWanLinks,
  type ResolvedDatastore,
  type ResolvedHost,
  type ResolvedNetwork,
  type ResolvedWanLink,
} from './resolve-hardware.js';
import { resolvePhysicalServers, resolveVms, type ResolvedPhysicalServer, type ResolvedVm } from './resolve-machines.js';
import type { EstateSpec } from './spec.js';

export interface ResolvedEstate {
  networks: ResolvedNetwork[];
  wanLinks: ResolvedWanLink[];
  hosts: ResolvedHost[];
  datastores: ResolvedDatastore[];
  proxies: ResolvedProxy[];
  targets: ResolvedTarget[];
  vms: ResolvedVm[];
  physicalServers: ResolvedPhysicalServer[];
}

export function resolveEstate(spec: EstateSpec): ResolvedEstate {
  if (spec === null || typeof spec !== 'object') throw new ConfigError('estate', 'spec', spec, 'be an object');
  const lists = {
    networks: requireList('estate', 'networks', spec.networks),
    wanLinks: requireList('estate', 'wanLinks', spec.wanLinks),
    hosts: requireList('estate', 'hosts', spec.hosts),
    datastores: requireList('estate', 'datastores', spec.datastores),
    proxies: requireList('estate', 'proxies', spec.proxies),
    targets: requireList('estate', 'targets', spec.targets),
    vms: requireList('estate', 'vms', spec.vms),
    physicalServers: requireList('estate', 'physicalServers', spec.physicalServers),
  };
  requireUniqueNames('network', lists.networks);
  requireUniqueNames('wan', lists.wanLinks);
  const hostNames = requireUniqueNames('host', lists.hosts);
  requireUniqueNames('datastore', lists.datastores);
  requireUniqueNames('proxy', lists.proxies);
  requireUniqueNames('target', lists.targets);
  requireUniqueNames('vm', lists.vms);
  requireUniqueNames('physical', lists.physicalServers);

  const networks = resolveNetworks(lists.networks);
  const networkNames = networks.map((n) => n.name);
  const hosts = resolveHosts(lists.hosts, networkNames);
  const datastores = resolveDatastores(lists.datastores, hostNames);
  return {
    networks,
    wanLinks: resolveWanLinks(lists.wanLinks, networks),
    hosts,
    datastores,
    proxies: resolveProxies(lists.proxies, networkNames, hosts, datastores),
    targets: resolveTargets(lists.targets, networkNames),
    vms: resolveVms(lists.vms, hosts, datastores),
    physicalServers: resolvePhysicalServers(lists.physicalServers, networkNames),
  };
}
