/**
 * What one protected machine's CDP processes share: the machine and its
 * routes, the target, the journal, the options, and the splitter's CPU route.
 *
 * The splitter runs either in the guest (a filter driver: InMage,
 * Double-Take) or in the hypervisor (an I/O filter below the VM: Zerto,
 * Veeam CDP). In the guest its CPU is the VM's vCPUs and so its host's cores;
 * in the hypervisor only the host's cores. Either way every byte written is
 * copied once more and sent from the host's NIC to the target, so network and
 * CPU follow the write rate (DOMAIN.md, family 2).
 */
import type { SlotPool } from '../../sim/engine/slots.js';
import type { Hop } from '../../sim/flow/network.js';
import type { GuestCapture } from '../../sim/guest/guest.js';
import type { GuestSideEnv, GuestSideRoutes } from '../agent/machine-routes.js';
import type { BackupRecorder } from '../recorder.js';
import type { CdpJournal } from './journal.js';
import type { ResolvedCdpOptions, SplitterPlacement } from './options.js';

/** Bytes and CPU the stream moved since the last stream record. */
export interface StreamTally {
  bytes: number;
  shipments: number;
  /** Longest write-to-target lag among those shipments, seconds. */
  maxLagSec: number;
  /** CPU cycles spent, by where they ran. */
  cycles: { guest: number; host: number; target: number };
}

/**
 * The RPO a CDP product reaches on its own: Veeam CDP's default is 15 s
 * (DOMAIN.md, CDP). Guest writes reach the splitter in the world's change
 * batches, so a batch longer than this, not the product, sets the RPO a run
 * measures; the stream's records say so.
 */
export const CDP_PRODUCT_RPO_SEC = 15;

/** The note for a design whose RPO the world's change batch bounds (`granularitySec`: what it could reach on its own), or null. */
export function batchBoundNote(changeBatchSec: number, granularitySec: number): string | null {
  if (!(changeBatchSec > granularitySec)) return null;
  return `guest writes reach the journal in the scenario's change batches of ${changeBatchSec} s (changeBatch), longer than the ${granularitySec} s this design could reach: the RPO measured here is the batch's; set changeBatch to a few seconds to measure the design's own`;
}

export function emptyTally(): StreamTally {
  return { bytes: 0, shipments: 0, maxLagSec: 0, cycles: { guest: 0, host: 0, target: 0 } };
}

export interface CdpEnv extends GuestSideEnv {
  journal: CdpJournal;
  options: ResolvedCdpOptions;
  recorder: BackupRecorder;
  /** The world's write batch: writes a disk takes at once were made over the batch before. */
  changeBatchSec: number;
  endSec: number;
  /** Bounds the initial syncs running at once. */
  syncSlots: SlotPool;
  tally: StreamTally;
  /** Keeps the guest's in-memory state at a restore point's instant (restores classify with it). */
  keepCapture(pointSec: number, capture: GuestCapture): void;
}

/** The splitter's CPU route for `cyclesPerByte`, and which side of the record its cycles go to. */
export function splitterCpu(env: CdpEnv, cyclesPerByte: number): { hops: Hop[]; where: 'guest' | 'host' } {
  return splitterCpuAt(env.routes, env.options.splitter, cyclesPerByte);
}

export function splitterCpuAt(routes: GuestSideRoutes, placement: SplitterPlacement, cyclesPerByte: number): { hops: Hop[]; where: 'guest' | 'host' } {
  if (placement === 'guest') return { hops: routes.guestCpu(cyclesPerByte), where: 'guest' };
  const hops = routes.hypervisorCpu(cyclesPerByte);
  if (hops === null) throw new Error('invariant violated: a hypervisor splitter planned on a machine without a hypervisor');
  return { hops, where: 'host' };
}
