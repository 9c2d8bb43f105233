/**
 * The built world: the estate (resources), and for every machine its guest
 * (disks with content, files, applications), its hypervisor platform and the
 * platform's handle on it. Strategies drive everything through this.
 */
import type { Simulation } from '../engine/simulation.js';
import type { ContentSpace } from '../disk/content-space.js';
import type { TemplatePool } from '../disk/template-pool.js';
import type { Estate } from '../estate/estate.js';
import type { Host } from '../estate/host.js';
import type { PhysicalServer } from '../estate/physical-server.js';
import type { Vm } from '../estate/vm.js';
import type { Guest } from '../guest/guest.js';
import type { PlatformVm } from '../platform/machine.js';
import type { HypervisorPlatform } from '../platform/platform.js';
import type { SnapshotStorage } from '../snapshot/storage-io.js';

export interface ProtectedMachine {
  /** Estate name, e.g. `web-017`. */
  readonly name: string;
  /** `vm/web-017` or `physical/db-01`. */
  readonly path: string;
  readonly kind: 'vm' | 'physical';
  /** The estate side: placement and resources. */
  readonly estate: Vm | PhysicalServer;
  /** The host it runs on (null for a physical server). */
  readonly host: Host | null;
  /** Where each disk lives, by disk index. */
  readonly storage: readonly SnapshotStorage[];
  readonly guest: Guest;
  readonly platform: HypervisorPlatform;
  readonly platformVm: PlatformVm;
}

export class World {
  private readonly byName = new Map<string, ProtectedMachine>();

  constructor(
    readonly sim: Simulation,
    readonly estate: Estate,
    readonly space: ContentSpace,
    readonly pool: TemplatePool,
    /** In estate order: VMs, then physical servers. */
    readonly machines: readonly ProtectedMachine[],
    /** One platform object per version in use, in order of first use. */
    readonly platforms: readonly HypervisorPlatform[],
    readonly chunkSizeBytes: number,
    readonly changeBatchSec: number,
  ) {
    for (const m of machines) this.byName.set(m.name, m);
  }

  machine(name: string): ProtectedMachine {
    const m = this.byName.get(name);
    if (m === undefined) throw new Error(`world: no machine named ${JSON.stringify(name)}`);
    return m;
  }
}
