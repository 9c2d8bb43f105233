/**
 * The narrow interface every hypervisor platform offers (DESIGN.md decision
 * 8), and its one implementation, driven by a capabilities record.
 *
 * There is no class per platform: what differs between vSphere 3.5 and 4,
 * Hyper-V 2008 R2 and 2016, XenServer 5.6 and 7.3 and a physical server is
 * the data in platform-versions.ts, and the operations read it. What a
 * platform cannot do comes back as an outcome value. Operations that take
 * time are generators a process runs with `yield*`; they spend time with
 * `yield seconds` or flows on the resources the machine's storage and the
 * caller's routes name.
 */
import type { ProcessBody } from '../engine/process.js';
import type { Simulation } from '../engine/simulation.js';
import type { PowerEvent } from '../tracking/change-areas.js';
import type { PlatformCapabilities } from './capabilities.js';
import { queryVmChanges, type ChangesResult } from './changes.js';
import { publishBackup, type PublishableBackup, type PublishResult } from './instant-recovery.js';
import { attachMachine, type PlatformMachineSpec, type PlatformVm } from './machine.js';
import { openSnapshotDisk, type OpenOptions, type OpenResult, type ReadRoutes } from './open-read.js';
import { platformCapabilities } from './platform-versions.js';
import { quiesceVm, thawVm, type QuiesceResult, type ThawResult } from './quiesce.js';
import type { TransportName } from './transports.js';
import { createVmSnapshot, deleteVmSnapshot, type CreateSnapshotOptions, type CreateSnapshotResult, type DeleteSnapshotResult, type VmSnapshot } from './vm-snapshot.js';

export interface HypervisorPlatform {
  readonly capabilities: PlatformCapabilities;
  /** Registers a machine before the run (enables change tracking on its disks); bad input is a ConfigError. */
  attach(spec: PlatformMachineSpec): PlatformVm;
  /** Asks the guest tools to quiesce the VM; it stays frozen until `thaw`. */
  quiesce(vm: PlatformVm): ProcessBody<QuiesceResult>;
  thaw(vm: PlatformVm): ThawResult;
  createSnapshot(vm: PlatformVm, options?: CreateSnapshotOptions): ProcessBody<CreateSnapshotResult>;
  /** Deletes a snapshot, with the cost of its kind (a consolidation for redirect-on-write). */
  deleteSnapshot(snapshot: VmSnapshot): ProcessBody<DeleteSnapshotResult>;
  /** Changed chunks of a disk since a change id ('*': everything allocated). */
  queryChanges(vm: PlatformVm, diskIndex: number, since: string): ChangesResult;
  /** Opens a snapshot's disk for a backup read through a transport. */
  openForRead(snapshot: VmSnapshot, diskIndex: number, transport: TransportName, routes: ReadRoutes, options?: OpenOptions): ProcessBody<OpenResult>;
  /** Publishes a backup as a datastore to boot a VM from (instant recovery). */
  publishAsDatastore(backup: PublishableBackup): ProcessBody<PublishResult>;
  /** A power event on the VM's host (a hard power-off may reset change tracking). */
  powerEvent(vm: PlatformVm, event: PowerEvent): void;
}

class CapabilityDrivenPlatform implements HypervisorPlatform {
  constructor(
    private readonly sim: Simulation,
    readonly capabilities: PlatformCapabilities,
  ) {}

  attach(spec: PlatformMachineSpec): PlatformVm {
    return attachMachine(this.capabilities, this.sim, spec);
  }

  quiesce(vm: PlatformVm): ProcessBody<QuiesceResult> {
    return quiesceVm(this.sim, this.capabilities, vm);
  }

  thaw(vm: PlatformVm): ThawResult {
    return thawVm(vm, this.sim.now);
  }

  createSnapshot(vm: PlatformVm, options: CreateSnapshotOptions = {}): ProcessBody<CreateSnapshotResult> {
    return createVmSnapshot(this.sim, this.capabilities, vm, options);
  }

  deleteSnapshot(snapshot: VmSnapshot): ProcessBody<DeleteSnapshotResult> {
    return deleteVmSnapshot(this.sim, snapshot);
  }

  queryChanges(vm: PlatformVm, diskIndex: number, since: string): ChangesResult {
    return queryVmChanges(this.capabilities, vm, diskIndex, since);
  }

  openForRead(snapshot: VmSnapshot, diskIndex: number, transport: TransportName, routes: ReadRoutes, options: OpenOptions = {}): ProcessBody<OpenResult> {
    return openSnapshotDisk(this.sim, this.capabilities, snapshot, diskIndex, transport, routes, options);
  }

  publishAsDatastore(backup: PublishableBackup): ProcessBody<PublishResult> {
    return publishBackup(this.sim, this.capabilities, backup);
  }

  powerEvent(vm: PlatformVm, event: PowerEvent): void {
    for (const t of vm.trackers) t.powerEvent(event);
  }
}

/** The platform of a version from the catalog; an unknown version is a ConfigError listing the known ones. */
export function createPlatform(sim: Simulation, version: string): HypervisorPlatform {
  return new CapabilityDrivenPlatform(sim, platformCapabilities(version));
}
