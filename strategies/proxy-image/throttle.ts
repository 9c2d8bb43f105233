/**
 * Latency-based throttling (issue 4: "optional latency-based throttling"):
 * a new job waits while any of its VM's datastores is busier than a
 * threshold, or any application on those datastores sees its I/O latency
 * inflated beyond one. It looks again every `checkEverySec` and starts anyway
 * after `maxWaitSec`, saying so. Running jobs are never paused: like Veeam's
 * I/O control, the throttle limits how many streams start, not their speed.
 * Load shows only once a stream runs, so after admitting a job on a
 * datastore the throttle admits no other there until it has looked again.
 *
 * Latency inflation is read from the same queueing model the impact monitor
 * uses (sim/workload/latency.ts), on each VM's own I/O paths.
 */
import type { ProcessBody } from '../../sim/engine/process.js';
import type { Simulation } from '../../sim/engine/simulation.js';
import type { Datastore } from '../../sim/estate/datastore.js';
import type { Estate } from '../../sim/estate/estate.js';
import type { Vm } from '../../sim/estate/vm.js';
import { IoLatencyModel } from '../../sim/workload/latency.js';
import type { ResolvedProxyImageOptions } from './options.js';

export class Throttle {
  private readonly modelsByDatastore = new Map<Datastore, IoLatencyModel[]>();
  private readonly admittedAtSec = new Map<Datastore, number>();

  constructor(
    private readonly sim: Simulation,
    private readonly options: NonNullable<ResolvedProxyImageOptions['throttle']>,
    estate: Estate,
  ) {
    if (options.maxVmLatencyInflation === Infinity) return;
    for (const vm of estate.vms) {
      if (vm.workload === null) continue;
      const model = new IoLatencyModel(vm.appIoPaths(vm.workload));
      for (const ds of new Set(vm.disks.map((d) => d.datastore))) {
        const list = this.modelsByDatastore.get(ds) ?? [];
        list.push(model);
        this.modelsByDatastore.set(ds, list);
      }
    }
  }

  /** Waits until the VM's datastores are calm enough; returns the seconds waited and whether it gave up waiting. */
  *gate(vm: Vm): ProcessBody<{ waitedSec: number; gaveUp: boolean }> {
    const start = this.sim.now;
    const stores = [...new Set(vm.disks.map((d) => d.datastore))];
    let gaveUp = false;
    while (this.justAdmitted(stores) || this.busy(stores)) {
      if (this.sim.now - start >= this.options.maxWaitSec) {
        gaveUp = true;
        break;
      }
      yield this.options.checkEverySec;
    }
    for (const ds of stores) this.admittedAtSec.set(ds, this.sim.now);
    return { waitedSec: this.sim.now - start, gaveUp };
  }

  private justAdmitted(stores: readonly Datastore[]): boolean {
    return stores.some((ds) => this.admittedAtSec.get(ds) === this.sim.now);
  }

  private busy(stores: readonly Datastore[]): boolean {
    const o = this.options;
    for (const ds of stores) {
      if (Math.max(ds.bandwidth.utilisation, ds.iops.utilisation) > o.maxDatastoreUtilisation) return true;
      for (const model of this.modelsByDatastore.get(ds) ?? []) if (model.inflation() > o.maxVmLatencyInflation) return true;
    }
    return false;
  }
}
