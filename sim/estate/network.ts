/**
 * Networks: LAN segments with a switch uplink, WAN links between sites, and
 * the route data takes between two NICs.
 *
 * The model is deliberately coarse. A switch is non-blocking inside its
 * segment, so traffic between two machines on one network crosses only their
 * NICs; traffic to another network crosses both segments' uplinks, and to
 * another site also the WAN link between the two sites (direct links only).
 * A link is one resource shared by both directions. Two ends in the same box
 * (a VM and a virtual appliance on one host) talk through the virtual switch
 * and cross no NIC at all.
 */
import { ConfigError } from '../engine/errors.js';
import type { Hop, Resource } from '../flow/network.js';
import type { Simulation } from '../engine/simulation.js';
import type { ResolvedNetwork, ResolvedWanLink } from './resolve-hardware.js';

export class Network {
  readonly path: string;
  readonly name: string;
  readonly site: string;
  readonly latencyMs: number;
  /** The switch's uplink to the site core, bytes/s. */
  readonly uplink: Resource;

  constructor(sim: Simulation, config: ResolvedNetwork) {
    this.name = config.name;
    this.path = `network/${config.name}`;
    this.site = config.site;
    this.latencyMs = config.latencyMs;
    this.uplink = sim.resource({ name: `${this.path}/uplink`, capacity: config.uplinkBytesPerSec, unit: 'B/s' });
  }
}

export class WanLink {
  readonly path: string;
  readonly name: string;
  readonly sites: readonly [string, string];
  readonly latencyMs: number;
  readonly link: Resource;

  constructor(sim: Simulation, config: ResolvedWanLink) {
    this.name = config.name;
    this.path = `wan/${config.name}`;
    this.sites = config.sites;
    this.latencyMs = config.latencyMs;
    this.link = sim.resource({ name: this.path, capacity: config.bandwidthBytesPerSec, unit: 'B/s' });
  }

  joins(a: string, b: string): boolean {
    return (this.sites[0] === a && this.sites[1] === b) || (this.sites[0] === b && this.sites[1] === a);
  }
}

/** Where a machine meets the network: its box (for same-box detection), NIC and LAN. */
export interface NetworkAttachment {
  /** Path of the physical box that owns the NIC (`host/esx-01`, `proxy/p1`, `target/repo`). */
  readonly box: string;
  readonly nic: Resource;
  readonly network: Network;
}

export interface NetworkPath {
  /** Resources crossed, each with coefficient 1 (bytes). */
  hops: Hop[];
  crossesWan: boolean;
  /** One-way latency at zero load, ms. */
  latencyMs: number;
}

/** The route between two attachments. Throws a ConfigError when the sites are not linked. */
export function networkPath(from: NetworkAttachment, to: NetworkAttachment, wanLinks: readonly WanLink[]): NetworkPath {
  if (from.box === to.box) return { hops: [], crossesWan: false, latencyMs: 0 };
  const a = from.network;
  const b = to.network;
  if (a === b) return { hops: [{ resource: from.nic }, { resource: to.nic }], crossesWan: false, latencyMs: a.latencyMs };
  const lanLatencyMs = a.latencyMs + b.latencyMs;
  const middle: Hop[] = [{ resource: a.uplink }, { resource: b.uplink }];
  if (a.site === b.site) {
    return { hops: [{ resource: from.nic }, ...middle, { resource: to.nic }], crossesWan: false, latencyMs: lanLatencyMs };
  }
  const wan = wanLinks.find((w) => w.joins(a.site, b.site));
  if (wan === undefined) {
    throw new ConfigError(`${from.box} -> ${to.box}`, 'route', `${a.site} -> ${b.site}`, `have a WAN link between sites ${a.site} and ${b.site}`);
  }
  return {
    hops: [{ resource: from.nic }, { resource: a.uplink }, { resource: wan.link }, { resource: b.uplink }, { resource: to.nic }],
    crossesWan: true,
    latencyMs: lanLatencyMs + wan.latencyMs,
  };
}
