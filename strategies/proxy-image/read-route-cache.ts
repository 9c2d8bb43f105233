/**
 * The read routes of a proxy design, built once per (proxy, VM disk, route kind).
 *
 * Every job asks how each proxy would read its VM's disks (`chooseProxy`
 * compares the proxies by what they can reach), then asks the chosen proxy
 * again to open the disks and to cost any staging: about a dozen route builds
 * per disk per night, each joining fresh hop arrays, for answers that never
 * change. A route depends only on the estate, which is fixed once built (which
 * host runs a VM and sees which datastores, SAN zoning, the networks), and on
 * the world's chunk size; capacities may change, but hops name resources, not
 * capacities. So the design keeps each answer and hands out the same object.
 * Consumers take routes as `ReadRoute` (readonly hops) and build new arrays
 * when they join or scale them, so sharing one answer between jobs is safe.
 */
import type { Estate } from '../../sim/estate/estate.js';
import type { Proxy } from '../../sim/estate/proxy.js';
import type { Vm, VmDisk } from '../../sim/estate/vm.js';
import type { ReadRoute } from '../../sim/platform/open-read.js';
import type { RouteKind } from '../../sim/platform/transports.js';

/** Slot of each route kind in a disk's row of answers. */
const KIND_SLOT: Readonly<Record<RouteKind, number>> = { 'hot-add': 0, network: 1, san: 2 };

export class ReadRouteCache {
  /** Per proxy, per disk: the answer for each route kind (undefined until asked). */
  private readonly byProxy = new Map<Proxy, Map<VmDisk, (ReadRoute | undefined)[]>>();

  constructor(
    private readonly estate: Estate,
    /** The I/O size of a read (the world's chunk size). */
    private readonly ioSizeBytes: number,
  ) {}

  /** How `proxy` reads disk `diskIndex` of `vm` over `route`: the estate's answer, built on first use. */
  route(vm: Vm, diskIndex: number, proxy: Proxy, route: RouteKind): ReadRoute {
    let byDisk = this.byProxy.get(proxy);
    if (byDisk === undefined) {
      byDisk = new Map();
      this.byProxy.set(proxy, byDisk);
    }
    const disk = vm.disks[diskIndex]!;
    let row = byDisk.get(disk);
    if (row === undefined) {
      row = [undefined, undefined, undefined];
      byDisk.set(disk, row);
    }
    const slot = KIND_SLOT[route];
    return (row[slot] ??= buildReadRoute(this.estate, vm, disk, proxy, route, this.ioSizeBytes));
  }
}

/** The estate's read path, as a ReadRoute. */
export function buildReadRoute(estate: Estate, vm: Vm, disk: VmDisk, proxy: Proxy, route: RouteKind, ioSizeBytes: number): ReadRoute {
  const p = estate.diskReadPath(vm, disk, proxy, route, ioSizeBytes);
  return p.ok ? { ok: true, hops: p.hops } : { ok: false, reason: p.reason };
}
