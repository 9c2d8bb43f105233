/**
 * Central scheduling limits (DOMAIN.md: because all backups are driven from
 * one place they can be scheduled to minimise contention). A job takes, in a
 * fixed global order so that no two jobs can wait on each other: a slot of
 * its host, one slot of each of its datastores (open snapshots, Veeam's
 * default 4), then one task slot per disk on its proxy (Veeam: one task = one
 * VM disk). Slots are FIFO, so jobs start in the order the night queued them.
 */
import type { ProcessBody } from '../../sim/engine/process.js';
import type { SlotPool, SlotRequest } from '../../sim/engine/slots.js';
import type { Simulation } from '../../sim/engine/simulation.js';
import type { Datastore } from '../../sim/estate/datastore.js';
import type { Host } from '../../sim/estate/host.js';
import type { Proxy } from '../../sim/estate/proxy.js';
import type { Vm } from '../../sim/estate/vm.js';
import type { ResolvedProxyImageOptions } from './options.js';

/** Slots a job holds; give them back with `release`. */
export class HeldSlots {
  private readonly held: SlotRequest[] = [];

  add(req: SlotRequest): void {
    this.held.push(req);
  }

  release(): void {
    // Newest first, so a waiting job is granted what it asked for first.
    for (let i = this.held.length - 1; i >= 0; i--) this.held[i]!.cancel();
    this.held.length = 0;
  }
}

export class CentralLimits {
  private readonly datastorePools = new Map<Datastore, SlotPool>();
  private readonly hostPools = new Map<Host, SlotPool>();

  constructor(
    private readonly sim: Simulation,
    private readonly design: string,
    private readonly limits: ResolvedProxyImageOptions['limits'],
    private readonly datastoreOrder: readonly Datastore[],
  ) {}

  /** Waits for the host and datastore slots of a VM's job. Use with `yield*`; release the result when done. */
  *acquireMachine(vm: Vm, into: HeldSlots): ProcessBody<void> {
    if (this.limits.perHost !== null) yield* take(this.pool(this.hostPools, vm.host, `${vm.host.path}/backup-jobs`, this.limits.perHost), into);
    const perDs = this.limits.perDatastore;
    if (perDs === null) return;
    const stores = [...new Set(vm.disks.map((d) => d.datastore))].sort((a, b) => this.datastoreOrder.indexOf(a) - this.datastoreOrder.indexOf(b));
    for (const ds of stores) yield* take(this.pool(this.datastorePools, ds, `${ds.path}/open-snapshots`, perDs), into);
  }

  /** Task slots for a VM's disks on its proxy: as many as it has disks, at most the proxy's slots. Returns how many it holds. */
  *acquireTasks(proxy: Proxy, disks: number, into: HeldSlots): ProcessBody<number> {
    if (this.limits.perProxy === null) return disks;
    const n = Math.min(disks, proxy.taskSlots);
    // All requests are made in one instant, so they queue together and a VM never waits holding part of a pool.
    const reqs: SlotRequest[] = [];
    for (let i = 0; i < n; i++) reqs.push(proxy.slots.acquire());
    for (const r of reqs) into.add(r);
    yield reqs.length === 1 ? reqs[0]! : this.sim.allOf(reqs);
    return n;
  }

  /** Tasks queued or running on a proxy (for picking the least loaded one). */
  load(proxy: Proxy): number {
    return proxy.slots.held + proxy.slots.waiting;
  }

  private pool<K>(pools: Map<K, SlotPool>, key: K, name: string, capacity: number): SlotPool {
    let p = pools.get(key);
    if (p === undefined) {
      p = this.sim.slots(`design/${this.design}/${name}`, capacity);
      pools.set(key, p);
    }
    return p;
  }
}

function* take(pool: SlotPool, into: HeldSlots): ProcessBody<void> {
  const req = pool.acquire();
  into.add(req);
  yield req;
}
