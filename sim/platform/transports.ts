/**
 * How a backup proxy reads a snapshot, as data: the route kind the estate
 * builds for it (`hot-add`, `network`, `san`; see sim/estate/read-paths.ts),
 * the fixed cost of opening and closing it, and which snapshot kinds it can
 * read. Platforms list the transports they offer in their capabilities.
 *
 * - VADP (vSphere 4, DOMAIN.md): hot-add (a virtual appliance attaches the
 *   snapshot's disks), network (NBD through the VM's host), san (a proxy
 *   zoned to the LUN reads it directly), mount (the proxy mounts the
 *   snapshot's volumes through the host, file-level).
 * - Hyper-V: on-host (the host reads its shadow copy and sends it over the
 *   LAN), off-host (a hardware provider's transportable shadow copy is
 *   mapped to the proxy over the SAN; hardware snapshots only).
 * - XenServer: XAPI exports the snapshot's VDIs over HTTP from the host.
 * - A physical server's LUN: an array snapshot mapped to a proxy (off-host).
 *
 * Open and close times are illustrative round figures (attaching disks to an
 * appliance and mounting volumes take tens of seconds; a network stream opens
 * in about a second), not from a source.
 */
import { requireKnown } from '../disk/config-checks.js';
import type { SnapshotKind } from '../snapshot/snapshot-kinds.js';

/** The routes the estate knows how to build (`sim/estate/read-paths.ts` Transport). */
export type RouteKind = 'hot-add' | 'network' | 'san';

export interface TransportSpec {
  route: RouteKind;
  /** Seconds to open the snapshot for reading through this transport. */
  openSec: number;
  /** Seconds to close it (detach, unmount). */
  closeSec: number;
  /** Snapshot kinds it can read; null: any. */
  snapshotKinds: readonly SnapshotKind[] | null;
  description: string;
}

export const TRANSPORTS = {
  'hot-add': { route: 'hot-add', openSec: 20, closeSec: 10, snapshotKinds: null, description: 'the snapshot disks are attached to a virtual appliance proxy' },
  network: { route: 'network', openSec: 1, closeSec: 0, snapshotKinds: null, description: "NBD: the VM's host reads the datastore and sends over the LAN" },
  san: { route: 'san', openSec: 2, closeSec: 1, snapshotKinds: null, description: 'a proxy zoned to the LUN reads it directly over the SAN' },
  mount: { route: 'network', openSec: 30, closeSec: 5, snapshotKinds: null, description: "the proxy mounts the snapshot's volumes through the host (file level)" },
  'on-host': { route: 'network', openSec: 1, closeSec: 0, snapshotKinds: null, description: 'the Hyper-V host reads its shadow copy and sends it over the LAN' },
  'off-host': {
    route: 'san',
    openSec: 15,
    closeSec: 5,
    snapshotKinds: ['array'],
    description: 'a transportable hardware snapshot is mapped to a proxy over the SAN',
  },
  'xapi-export': { route: 'network', openSec: 2, closeSec: 0, snapshotKinds: null, description: "XAPI exports the snapshot's VDIs over HTTP from the host" },
} as const satisfies Record<string, TransportSpec>;

export type TransportName = keyof typeof TRANSPORTS;

/** A transport name from a scenario; an unknown one is a ConfigError listing the known ones. */
export function requireTransport(component: string, name: string, field = 'transport'): TransportName {
  requireKnown<TransportSpec>(component, field, TRANSPORTS, name);
  return name as TransportName;
}
