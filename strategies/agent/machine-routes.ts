/**
 * The resources work done from inside a protected machine crosses: an
 * in-guest agent's reads and CPU, and a CDP write splitter's CPU (in the guest
 * or in the hypervisor below it), up to the point where its bytes leave the
 * machine's NIC.
 *
 * This is where the machine's kind matters, and only here: a VM's guest runs
 * on its vCPUs, which are also its host's cores (Vm.computeHops), and reads its
 * disks through the hypervisor's I/O path, the host's storage link (shared
 * storage) and the datastore; its bytes leave through the host's NIC. A
 * physical server does all of that on its own CPU, disk and NIC. So an agent
 * on a VM loads the host that every other VM on it shares (DOMAIN.md: "Backup
 * jobs running in several VMs at once fight over those resources").
 */
import { cpuHops, ioCpuHops, joinHops, storageHops } from '../../sim/estate/hops.js';
import type { NetworkAttachment } from '../../sim/estate/network.js';
import { hostReadHops } from '../../sim/estate/read-paths.js';
import type { Hop } from '../../sim/flow/network.js';
import type { Simulation } from '../../sim/engine/simulation.js';
import type { PhysicalServer } from '../../sim/estate/physical-server.js';
import type { Vm } from '../../sim/estate/vm.js';
import type { ProtectedMachine } from '../../sim/world/world.js';
import type { TargetRepository } from '../target-repository.js';

export interface GuestSideRoutes {
  /** Where the machine's traffic enters the network (a VM: its host's NIC). */
  readonly attachment: NetworkAttachment;
  /** Route of one byte read from disk `diskIndex` in reads of `ioSizeBytes` (storage, and the CPU the I/O stack spends). */
  diskRead(diskIndex: number, ioSizeBytes: number): Hop[];
  /** CPU work of `cyclesPerByte` done inside the guest: its vCPUs and the host cores under them, or a server's own cores. */
  guestCpu(cyclesPerByte: number): Hop[];
  /** CPU work of `cyclesPerByte` done by the hypervisor below the guest; null without a hypervisor. */
  hypervisorCpu(cyclesPerByte: number): Hop[] | null;
  /** Cycles the I/O stack outside the guest spends per byte read in I/Os of `ioSizeBytes` (the hypervisor's; 0 for a server, whose OS stack is the guest's). */
  hostIoCyclesPerByte(ioSizeBytes: number): number;
  /** Cycles the guest's own I/O stack spends per byte in I/Os of `ioSizeBytes` (a server's OS; a VM's is folded into the hypervisor figure). */
  guestIoCyclesPerByte(ioSizeBytes: number): number;
}

export function guestSideRoutes(machine: ProtectedMachine): GuestSideRoutes {
  const estate = machine.estate;
  return estate.kind === 'vm' ? new VmRoutes(estate, machine.path) : new ServerRoutes(estate, machine.path);
}

/*
 * Classes rather than object literals of arrows: V8 drops an arrow's optimized
 * code when the arrow dies, so routes made per run would be optimized again in
 * every run. A flow's coefficients must be > 0, so CPU work that costs nothing
 * crosses no resource (an empty route).
 */

class VmRoutes implements GuestSideRoutes {
  readonly attachment: NetworkAttachment;

  constructor(
    private readonly vm: Vm,
    private readonly path: string,
  ) {
    this.attachment = vm.attachment;
  }

  diskRead(diskIndex: number, ioSizeBytes: number): Hop[] {
    return hostReadHops(this.vm.host, diskOf(this.vm.disks, diskIndex, this.path).datastore, ioSizeBytes);
  }

  guestCpu(cyclesPerByte: number): Hop[] {
    return cyclesPerByte > 0 ? [{ resource: this.vm.vcpu, coef: cyclesPerByte }, { resource: this.vm.host.cpu, coef: cyclesPerByte }] : [];
  }

  hypervisorCpu(cyclesPerByte: number): Hop[] {
    return cyclesPerByte > 0 ? cpuHops(this.vm.host.cpu, cyclesPerByte) : [];
  }

  hostIoCyclesPerByte(ioSizeBytes: number): number {
    return this.vm.host.cyclesPerIo / ioSizeBytes;
  }

  guestIoCyclesPerByte(): number {
    return 0;
  }
}

class ServerRoutes implements GuestSideRoutes {
  readonly attachment: NetworkAttachment;

  constructor(
    private readonly server: PhysicalServer,
    private readonly path: string,
  ) {
    this.attachment = server.attachment;
  }

  diskRead(diskIndex: number, ioSizeBytes: number): Hop[] {
    if (diskIndex !== 0) throw new Error(`invariant violated: ${this.path} has one disk, asked for disk ${diskIndex}`);
    return joinHops(ioCpuHops(this.server.cpu, this.server.cyclesPerIo, 1 / ioSizeBytes), storageHops(this.server.disk, ioSizeBytes));
  }

  guestCpu(cyclesPerByte: number): Hop[] {
    return cyclesPerByte > 0 ? cpuHops(this.server.cpu, cyclesPerByte) : [];
  }

  hypervisorCpu(): null {
    return null;
  }

  hostIoCyclesPerByte(): number {
    return 0;
  }

  guestIoCyclesPerByte(ioSizeBytes: number): number {
    return this.server.cyclesPerIo / ioSizeBytes;
  }
}

function diskOf<D>(disks: readonly D[], i: number, path: string): D {
  const d = disks[i];
  if (d === undefined) throw new Error(`invariant violated: ${path} has no disk ${i}`);
  return d;
}

/** The route with every coefficient multiplied by `factor` (bytes that cross it `factor` times per byte of the flow). */
export function scaledHops(hops: readonly Hop[], factor: number): Hop[] {
  if (!(factor > 0)) return [];
  // Pushed in a loop, not mapped with an arrow made per call: V8 drops an arrow's optimized code when the
  // arrow dies (so it was optimized again in every job of a sweep), and push keeps the array packed.
  const out: Hop[] = [];
  for (const h of hops) out.push({ resource: h.resource, coef: (h.coef ?? 1) * factor });
  return out;
}

/** What a guest-side design (agent, CDP) works with for one machine, whatever the design. */
export interface GuestSideEnv {
  sim: Simulation;
  design: string;
  machine: ProtectedMachine;
  routes: GuestSideRoutes;
  target: TargetRepository;
  /** From the machine's NIC to the target's NIC. */
  networkHops: readonly Hop[];
}
