/**
 * What restores need from the run, and the optional witnesses a run (or a
 * test) can add so a restore can check more than the repository can tell it.
 *
 * The required part is a subset of `DesignContext`: the runner passes its
 * own context as it is. The optional parts are adapters for facts beyond
 * what the repository can tell:
 * - `witness`: the protected data as the machine really held it at a time,
 *   independently of any backup (a test probe of every disk write). With it
 *   a restore compares what it wrote with the protected data, file by file
 *   and chunk by chunk; without it, it can only check that every chunk read
 *   back was readable.
 * - `captures`: the guest's in-memory application state at a point's
 *   instant, so verification and application-item restores classify the
 *   point's images themselves (guest.classify). By default the drills take
 *   it from the design (`captureAt`) or from the job that made the point
 *   (`JobRecord.capture`, job-captures.ts); without one they use the label
 *   the backup job gave the point from the same classification.
 * - `journals`: a point-in-time source (CDP); by default the design's own
 *   `journal(machine)` when it offers one.
 */
import type { ChunkImage } from '../../sim/disk/chunk-image.js';
import type { GuestCapture } from '../../sim/guest/guest.js';
import type { World } from '../../sim/world/world.js';
import type { BackupRecorder } from '../recorder.js';
import type { TargetRepository } from '../target-repository.js';
import type { JournalSource } from './journal-source.js';
import type { TapeCatalog } from './tape-catalog.js';

export interface PointWitness {
  /**
   * The machine's disks (by disk index) as they were at `timeSec`. Several
   * writes can land at one instant, so the witness may use `restored` to
   * pick the moment of that instant the restore claims to be; it must never
   * copy content from it.
   */
  imagesAt(machinePath: string, timeSec: number, restored: readonly ChunkImage[]): readonly ChunkImage[] | undefined;
}

export interface PointCaptures {
  /** The guest capture paired with the machine's restore point at `pointSec`, if the backup kept one. */
  captureAt(machinePath: string, pointSec: number): GuestCapture | undefined;
}

export interface RestoreContext {
  world: World;
  recorder: BackupRecorder;
  /** The repository bound to an estate target (DesignContext.repository). */
  repository(targetName: string): TargetRepository;
  witness?: PointWitness;
  captures?: PointCaptures;
  journals?: JournalSource;
  /** What the run holds on tape (DesignContext.tape); tape copies add to it and tape restores read it. */
  tape?: TapeCatalog;
}
