/**
 * XenServer live memory snapshots (5.6 and later, DOMAIN.md): with the disk
 * snapshots, the VM's memory is saved, so a restore resumes the running VM
 * instead of booting it from a crash image. They rely on the VSS support of
 * the XenServer tools, so they work for Windows VMs and not for Linux VMs;
 * anywhere else the answer is an explicit `unsupported` outcome.
 *
 * What "running state" means here is concrete: the applications' committed
 * work still in memory at the instant (the guest's capture). A resumed VM
 * never crashed, so that work is still there and reaches the disk as the
 * applications carry on; `resumeImages` applies it to the disk images, and
 * `classifyResumed` judges the result as the clean stop it is.
 *
 * Saving the memory image costs a flow of the VM's memory size on the
 * storage route, during which the VM is paused (the save time is recorded).
 */
import type { ProcessBody } from '../engine/process.js';
import type { Simulation } from '../engine/simulation.js';
import { FrozenImage, type ChunkImage } from '../disk/chunk-image.js';
import type { OsFamily } from '../disk/os-templates.js';
import type { Guest, GuestCapture, GuestVerdict } from '../guest/guest.js';
import { unsupported, type Unsupported } from './outcomes.js';
import type { StorageIo } from './storage-io.js';

/** DOMAIN.md: memory snapshots use VSS, so Windows only. */
export const MEMORY_SNAPSHOT_OS_FAMILIES: readonly OsFamily[] = ['windows'];

export interface RunningState {
  kind: 'running-state';
  guest: string;
  capturedAtSec: number;
  memoryBytes: number;
  /** Seconds the VM was paused while its memory was written. */
  saveSec: number;
  /** The applications' in-memory work at the snapshot instant. */
  capture: GuestCapture;
}

/** Null when the guest can have a memory snapshot, else why not. */
export function memorySnapshotSupport(guest: Guest): Unsupported | null {
  if (!MEMORY_SNAPSHOT_OS_FAMILIES.includes(guest.osFamily)) {
    return unsupported('memory-snapshot', `memory snapshots use VSS and work only for ${MEMORY_SNAPSHOT_OS_FAMILIES.join(', ')} VMs; ${guest.name} runs ${guest.osFamily}`);
  }
  if (guest.tools?.reach[guest.osFamily] !== 'vss-writers') {
    return unsupported('memory-snapshot', `memory snapshots need guest tools with VSS in ${guest.name}, which has ${guest.tools === undefined ? 'none' : guest.tools.description}`);
  }
  return null;
}

/**
 * Captures the running state now (pair it with disk snapshots taken at the
 * same instant) and writes the memory image to `io`.
 */
export function* saveRunningState(sim: Simulation, guest: Guest, io: StorageIo, memoryBytes: number): ProcessBody<RunningState | Unsupported> {
  const refused = memorySnapshotSupport(guest);
  if (refused !== null) return refused;
  const capture = guest.capture();
  const capturedAtSec = sim.now;
  yield sim.transfer({ name: `vm/${guest.name}/memory-snapshot`, sizeBytes: memoryBytes, route: io.hops });
  return { kind: 'running-state', guest: guest.name, capturedAtSec, memoryBytes, saveSec: sim.now - capturedAtSec, capture };
}

/** The disks as the resumed VM will have them once its applications write out their in-memory work. */
export function resumeImages(images: readonly ChunkImage[], state: RunningState): FrozenImage[] {
  return images.map((image, diskIndex) => {
    const ids = image.read(0, image.chunkCount);
    for (const app of state.capture.apps) {
      if (app.diskIndex !== diskIndex) continue;
      // Pending writes are in commit order, so a later write to a chunk wins.
      for (let k = 0; k < app.pendingChunks.length; k++) ids[app.pendingChunks[k]!] = app.pendingIds[k]!;
    }
    return new FrozenImage(ids, image.chunkSizeBytes);
  });
}

/**
 * Judges a restore that resumes the saved running state. The VM did not
 * crash: every application continues from memory with nothing lost, which is
 * what a quiesced image means, so the judgement is made on the resumed disks
 * with the applications counted as cleanly stopped.
 */
export function classifyResumed(guest: Guest, images: readonly ChunkImage[], state: RunningState): GuestVerdict {
  const clean: GuestCapture = { ...state.capture, quiesceLevel: 'application', apps: state.capture.apps.map((a) => ({ ...a, quiesced: true })) };
  return guest.classify(resumeImages(images, state), clean);
}
