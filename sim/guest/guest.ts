/**
 * A guest: OS, guest tools, applications, disks, file system and the change
 * processes that write to its disks (built and validated by build-guest.ts).
 * During a run `advance` applies a batch of writes; `quiesce`, `thaw` and
 * `capture` serve the snapshot and platform layers; `classify` judges images
 * of the guest's disks.
 *
 * An application lives on one disk (at most one per disk) and sits between
 * that disk's change process and the disk, so its in-memory work is real
 * pending writes (app-instance.ts).
 */
import type { ChangeProcess } from '../disk/change-process.js';
import type { ChunkImage } from '../disk/chunk-image.js';
import type { OsFamily } from '../disk/os-templates.js';
import type { ChunkWriter, VirtualDisk } from '../disk/virtual-disk.js';
import type { VmDiskLayout } from '../disk/vm-disk.js';
import type { AppCapture, AppInstance } from './app-instance.js';
import { classifyImage, worstVerdict, type ConsistencyVerdict } from './consistency.js';
import type { GuestFilesystem } from './filesystem.js';
import type { GuestToolsSpec } from './guest-tools.js';
import { REACH_RULES, reachFlushes, type EffectiveReach, type NotFlushedReason, type QuiesceLevel, type QuiesceRoute } from './quiesce.js';

export interface QuiesceOutcome {
  route: QuiesceRoute;
  reach: EffectiveReach;
  level: QuiesceLevel;
  apps: { app: string; flushed: boolean; flushedWrites: number; reason?: NotFlushedReason }[];
}

export interface GuestCapture {
  guest: string;
  /** The quiesce in force at capture ('crash' when none, or when the guest has written since). */
  quiesceLevel: QuiesceLevel;
  apps: AppCapture[];
}

export interface GuestVerdict {
  /** The worst application verdict; a guest without applications is judged by its file system. */
  overall: ConsistencyVerdict['kind'];
  apps: ConsistencyVerdict[];
}

export class Guest {
  constructor(
    readonly name: string,
    readonly osFamily: OsFamily,
    readonly template: string,
    /** Installed tools, or undefined when none are. */
    readonly tools: GuestToolsSpec | undefined,
    readonly disks: readonly VirtualDisk[],
    readonly layouts: readonly VmDiskLayout[],
    readonly apps: readonly AppInstance[],
    readonly filesystem: GuestFilesystem,
    private readonly processes: readonly ChangeProcess[],
    private readonly writers: readonly ChunkWriter[],
  ) {}

  /** Level of the last quiesce, until the guest writes again or thaws. */
  private quiesceLevel: QuiesceLevel = 'crash';

  /** The change process of disk i (for expected write rates). */
  changeProcess(diskIndex: number): ChangeProcess {
    return this.processes[diskIndex]!;
  }

  /**
   * Applies the writes of `[fromSec, toSec)` to every disk; applications flush
   * what is due by `toSec`. Returns the chunk writes made (the driver calls
   * this for every guest every batch, so it builds no per-disk summaries).
   */
  advance(fromSec: number, toSec: number): number {
    let writes = 0;
    for (let i = 0; i < this.processes.length; i++) writes += this.processes[i]!.applyWritesCounted(this.writers[i]!, fromSec, toSec);
    for (const app of this.apps) app.settle(toSec);
    if (writes > 0) this.quiesceLevel = 'crash';
    return writes;
  }

  /** Expected write rate of all disks over an interval, to drive the workload's I/O flow. */
  writeBytesPerSec(fromSec: number, toSec: number): number {
    return this.processes.reduce((sum, p) => sum + p.writeBytesPerSec(fromSec, toSec), 0);
  }

  quiesce(route: QuiesceRoute): QuiesceOutcome {
    const reach: EffectiveReach = route === 'agent' ? 'agent-hooks' : (this.tools?.reach[this.osFamily] ?? 'none');
    const noTools = route === 'guest-tools' && this.tools === undefined;
    const apps = this.apps.map((app) => {
      if (!reachFlushes(reach, app.spec)) {
        const reason: NotFlushedReason = noTools ? 'no-guest-tools' : REACH_RULES[reach].reason;
        return { app: app.name, flushed: false, flushedWrites: 0, reason };
      }
      return { app: app.name, flushed: true, flushedWrites: app.flushAll() };
    });
    const allFlushed = apps.every((a) => a.flushed);
    const level: QuiesceLevel = reach === 'none' ? 'crash' : allFlushed ? REACH_RULES[reach].levelWhenAllFlushed : 'file-system';
    this.quiesceLevel = level;
    return { route, reach, level, apps };
  }

  thaw(): void {
    this.quiesceLevel = 'crash';
    for (const app of this.apps) app.thaw();
  }

  /** The applications' in-memory state now; pair it with images of the disks taken now. */
  capture(): GuestCapture {
    return { guest: this.name, quiesceLevel: this.quiesceLevel, apps: this.apps.map((a) => a.capture()) };
  }

  /**
   * Judges images of this guest's disks (indexed like `disks`) against a
   * capture of the same instant. Without applications, a quiesced file system
   * is all the consistency there is to have.
   */
  classify(images: readonly ChunkImage[], capture: GuestCapture): GuestVerdict {
    const apps = capture.apps.map((c) => classifyImage(images[c.diskIndex]!, c));
    const fileSystemOnly = capture.quiesceLevel === 'crash' ? 'crash-consistent-recoverable' : 'application-consistent';
    return { overall: worstVerdict(apps)?.kind ?? fileSystemOnly, apps };
  }
}
