/**
 * The built estate: every component as an object holding its resources, in
 * the order the spec lists them, with lookups by name.
 *
 * `buildEstate` validates and fills the whole spec first (resolve.ts) and only
 * then creates resources, so a bad parameter throws a ConfigError naming the
 * component before anything exists and before any run.
 */
import { ConfigError } from '../engine/errors.js';
import type { Simulation } from '../engine/simulation.js';
import { Datastore } from './datastore.js';
import { Host } from './host.js';
import type { Machine } from './machine.js';
import { Network, WanLink, networkPath, type NetworkAttachment, type NetworkPath } from './network.js';
import { PhysicalServer } from './physical-server.js';
import { PhysicalProxy, VirtualApplianceProxy, type Proxy } from './proxy.js';
import { diskReadPath, type ReadPath, type Transport } from './read-paths.js';
import { resolveEstate, type ResolvedEstate } from './resolve.js';
import type { ResolvedTarget } from './resolve-backup.js';
import type { EstateSpec } from './spec.js';
import { TapeLibrary } from './tape-library.js';
import { DedupeAppliance, DiskRepository, type BackupTarget } from './targets.js';
import { Vm, type VmDisk } from './vm.js';

export class Estate {
  readonly networks: readonly Network[];
  readonly wanLinks: readonly WanLink[];
  readonly hosts: readonly Host[];
  readonly datastores: readonly Datastore[];
  readonly proxies: readonly Proxy[];
  readonly targets: readonly BackupTarget[];
  readonly vms: readonly Vm[];
  readonly physicalServers: readonly PhysicalServer[];

  constructor(sim: Simulation, r: ResolvedEstate) {
    const networks = new Map(r.networks.map((n) => [n.name, new Network(sim, n)]));
    this.networks = [...networks.values()];
    this.wanLinks = r.wanLinks.map((w) => new WanLink(sim, w));
    const hosts = new Map(r.hosts.map((h) => [h.name, new Host(sim, h, networks.get(h.network)!)]));
    this.hosts = [...hosts.values()];
    const datastores = new Map(r.datastores.map((d) => [d.name, new Datastore(sim, d, d.hosts.map((h) => hosts.get(h)!))]));
    this.datastores = [...datastores.values()];
    for (const ds of this.datastores) for (const host of ds.hosts) host.datastores.push(ds);
    this.proxies = r.proxies.map((p) =>
      p.kind === 'physical'
        ? new PhysicalProxy(sim, p, networks.get(p.network)!, p.sanDatastores.map((d) => datastores.get(d)!))
        : new VirtualApplianceProxy(sim, p, hosts.get(p.host)!),
    );
    this.targets = r.targets.map((t) => buildTarget(sim, t, networks.get(t.network)!));
    this.vms = r.vms.map((v) => new Vm(sim, v, hosts.get(v.host)!, datastores));
    this.physicalServers = r.physicalServers.map((p) => new PhysicalServer(sim, p, networks.get(p.network)!));
  }

  host(name: string): Host {
    return find('host', this.hosts, name);
  }

  datastore(name: string): Datastore {
    return find('datastore', this.datastores, name);
  }

  network(name: string): Network {
    return find('network', this.networks, name);
  }

  proxy(name: string): Proxy {
    return find('proxy', this.proxies, name);
  }

  target(name: string): BackupTarget {
    return find('target', this.targets, name);
  }

  /** A target that must be a tape library (a strategy that writes to tape asks for one). */
  tapeLibrary(name: string): TapeLibrary {
    const target = this.target(name);
    if (!(target instanceof TapeLibrary)) throw new ConfigError(target.path, 'kind', target.kind, 'be tape-library for a tape job');
    return target;
  }

  vm(name: string): Vm {
    return find('vm', this.vms, name);
  }

  physicalServer(name: string): PhysicalServer {
    return find('physical', this.physicalServers, name);
  }

  /** Every machine that can run a workload: VMs, then physical servers, in spec order. */
  machines(): Machine[] {
    return [...this.vms, ...this.physicalServers];
  }

  /** VMs on a host, in spec order. */
  vmsOn(host: Host): Vm[] {
    return this.vms.filter((v) => v.host === host);
  }

  /** The network route between two attachments (see network.ts). */
  networkPath(from: NetworkAttachment, to: NetworkAttachment): NetworkPath {
    return networkPath(from, to, this.wanLinks);
  }

  /** How `proxy` reads `disk` of `vm` with a transport (see read-paths.ts). */
  diskReadPath(vm: Vm, disk: VmDisk, proxy: Proxy, transport: Transport, ioSizeBytes: number): ReadPath {
    return diskReadPath(vm, disk, proxy, transport, ioSizeBytes, this.wanLinks);
  }
}

/** Validates the whole spec, then builds every component on `sim`. */
export function buildEstate(sim: Simulation, spec: EstateSpec): Estate {
  return new Estate(sim, resolveEstate(spec));
}

function buildTarget(sim: Simulation, t: ResolvedTarget, network: Network): BackupTarget {
  if (t.kind === 'disk') return new DiskRepository(sim, t, network);
  if (t.kind === 'dedupe-appliance') return new DedupeAppliance(sim, t, network);
  return new TapeLibrary(sim, t, network);
}

function find<T extends { name: string }>(kind: string, list: readonly T[], name: string): T {
  const found = list.find((x) => x.name === name);
  if (found === undefined) throw new ConfigError('estate', kind, name, `name a ${kind} of the estate: ${list.map((x) => x.name).join(', ')}`);
  return found;
}
