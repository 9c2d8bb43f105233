/**
 * Which transport a job reads through, and on which proxy.
 *
 * The design's preferred transport comes first where the platform has it;
 * then, with fallback on, the platform's other transports in the order its
 * capabilities list them. Without a preference the order is automatic (see
 * `autoOrder`). Each refusal
 * (`unsupported`, `transport-unavailable`, a holding area without room) is
 * noted and the next transport is tried, so the record says "fell back to
 * network" rather than failing; with fallback off, the first refusal fails
 * the job. Nothing here names a platform: the lists are capability data.
 */
import { fail } from '../../sim/engine/errors.js';
import type { ProcessBody } from '../../sim/engine/process.js';
import type { Proxy } from '../../sim/estate/proxy.js';
import type { Vm } from '../../sim/estate/vm.js';
import type { DiskReader, ReadRoutes } from '../../sim/platform/open-read.js';
import { TRANSPORTS, type RouteKind, type TransportName, type TransportSpec } from '../../sim/platform/transports.js';
import type { VmSnapshot } from '../../sim/platform/vm-snapshot.js';
import type { SnapshotKind } from '../../sim/snapshot/snapshot-kinds.js';
import { supportsHardwareSnapshots } from '../../sim/snapshot/storage-io.js';
import type { ProtectedMachine } from '../../sim/world/world.js';
import type { ProxyJobEnv } from './env.js';

/**
 * Automatic selection when the design names no transport, as products do it
 * (Veeam: direct SAN, then virtual appliance, then network): routes that
 * keep the protected hosts out of the data path first. Ranked by route kind,
 * which is transport data, never by platform.
 */
const AUTO_ROUTE_RANK: Readonly<Record<RouteKind, number>> = { san: 0, 'hot-add': 1, network: 2 };

/** Transports to try for a machine, in order, and notes on why the preferred one is not first. */
export function transportOrder(m: ProtectedMachine, env: ProxyJobEnv): { order: TransportName[]; notes: string[] } {
  const offered = m.platform.capabilities.transports;
  const preferred = env.options.transport;
  const notes: string[] = [];
  if (preferred === null) return { order: autoOrder(m, env, offered), notes };
  if (!offered.includes(preferred)) {
    notes.push(`${m.platform.capabilities.description} has no ${preferred} transport`);
    return { order: env.options.transportFallback ? [...offered] : [], notes };
  }
  return { order: env.options.transportFallback ? [preferred, ...offered.filter((t) => t !== preferred)] : [preferred], notes };
}

/*
 * Every job passes here, so the helpers are module-level functions and loops
 * rather than arrows made per call: V8 drops an arrow's optimized code when
 * the arrow dies, so an arrow made per call is optimized again in every run.
 */

/** Transports that can read the kind of snapshot the job will take first, then by route rank; ties keep the platform's order. */
function autoOrder(m: ProtectedMachine, env: ProxyJobEnv, offered: readonly TransportName[]): TransportName[] {
  const caps = m.platform.capabilities;
  const arrayPossible = env.options.snapshot === 'array' && caps.snapshotKinds.includes('array') && m.storage.every(supportsHardwareSnapshots);
  const kind = arrayPossible ? 'array' : caps.defaultSnapshotKind;
  const ranked: RankedTransport[] = [];
  for (let i = 0; i < offered.length; i++) ranked.push({ t: offered[i]!, i, r: autoRank(offered[i]!, kind) });
  ranked.sort(byRankThenIndex);
  const order: TransportName[] = [];
  for (const x of ranked) order.push(x.t);
  return order;
}

interface RankedTransport {
  t: TransportName;
  /** Position in the platform's list. */
  i: number;
  r: number;
}

function autoRank(t: TransportName, kind: SnapshotKind | null): number {
  const spec: TransportSpec = TRANSPORTS[t];
  const reads = spec.snapshotKinds === null || (kind !== null && spec.snapshotKinds.includes(kind));
  return (reads ? 0 : 10) + AUTO_ROUTE_RANK[spec.route];
}

function byRankThenIndex(a: RankedTransport, b: RankedTransport): number {
  return a.r - b.r || a.i - b.i;
}

/** The estate's read routes from a proxy to a VM's disks (each built once per design: read-route-cache.ts). */
export function readRoutes(env: ProxyJobEnv, vm: Vm, proxy: Proxy): ReadRoutes {
  return (route, diskIndex) => env.readRoutes.route(vm, diskIndex, proxy, route);
}

/**
 * The proxy for a VM and the transports to try on it. A proxy that can use an
 * earlier transport of the order for every disk wins, then the least loaded,
 * then estate order (a total order: the choice never depends on chance).
 * Without a preferred transport, the chosen proxy tries the transports it has
 * a route for first (as products pick SAN, hot-add or network by what the
 * proxy can reach), so only real refusals show up as fallbacks.
 */
export function chooseProxy(env: ProxyJobEnv, vm: Vm, order: readonly TransportName[]): { proxy: Proxy; order: TransportName[] } {
  const proxies = env.setup.proxies;
  if (proxies.length === 0) fail('a planned proxy design has at least one proxy');
  let best = { proxy: proxies[0]!, usable: [] as boolean[], key: [Infinity, Infinity] };
  for (const proxy of proxies) {
    const usable = usableTransports(env, vm, proxy, order);
    const first = usable.indexOf(true);
    const key = [first < 0 ? order.length : first, env.limits.load(proxy) / proxy.taskSlots];
    if (key[0]! < best.key[0]! || (key[0] === best.key[0] && key[1]! < best.key[1]!)) best = { proxy, usable, key };
  }
  if (env.options.transport !== null) return { proxy: best.proxy, order: [...order] };
  const usable: TransportName[] = [];
  const unusable: TransportName[] = [];
  for (let k = 0; k < order.length; k++) (best.usable[k] ? usable : unusable).push(order[k]!);
  return { proxy: best.proxy, order: [...usable, ...unusable] };
}

/** For each transport of the order, whether the proxy has a route to every disk of the VM through it. */
function usableTransports(env: ProxyJobEnv, vm: Vm, proxy: Proxy, order: readonly TransportName[]): boolean[] {
  const usable: boolean[] = [];
  for (const t of order) {
    let all = true;
    for (const d of vm.disks) {
      if (env.readRoutes.route(vm, d.index, proxy, TRANSPORTS[t].route).ok) continue;
      all = false;
      break;
    }
    usable.push(all);
  }
  return usable;
}

export type OpenDisk = { ok: true; reader: DiskReader; notes: string[] } | { ok: false; reason: string; notes: string[] };

/** Opens one disk of the snapshot through the first transport that works. */
export function* openDisk(env: ProxyJobEnv, m: ProtectedMachine, proxy: Proxy, snapshot: VmSnapshot, diskIndex: number, order: readonly TransportName[]): ProcessBody<OpenDisk> {
  const notes: string[] = [];
  const routes = readRoutes(env, m.estate as Vm, proxy);
  const holdingArea = m.platform.capabilities.readAccess === 'copy-to-holding-area' ? env.holding.of(proxy) : undefined;
  let lastReason = 'no transport to try';
  for (const transport of order) {
    const opened = yield* m.platform.openForRead(snapshot, diskIndex, transport, routes, holdingArea === undefined ? {} : { holdingArea });
    if (opened.kind === 'opened') {
      if (transport !== order[0]) notes.push(`disk ${diskIndex}: fell back to ${transport}`);
      return { ok: true, reader: opened.reader, notes };
    }
    lastReason = `${transport}: ${opened.reason}`;
    notes.push(`disk ${diskIndex}: ${lastReason}`);
    // A lost snapshot, or a holding area without room, fails whatever the transport.
    if (opened.kind === 'snapshot-lost' || opened.kind === 'holding-area-too-small') break;
  }
  return { ok: false, reason: lastReason, notes };
}
