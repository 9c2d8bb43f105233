/**
 * The strategy protocol (STYLE.md principle 10: narrow plug-in protocols).
 *
 * A backup design is a set of processes that drive the world only through
 * its platform APIs, its estate resources and the repository. It declares
 * what it can do as data (`DesignCapabilities`), says before the run what it
 * cannot protect and why (`plan`), and records what its jobs did in a
 * `BackupRecorder`. The runner, the results and the report read these; none
 * of them switches on a concrete design, and `sim/` never names one.
 */
import type { ProtectedMachine, World } from '../sim/world/world.js';
import type { BackupRecorder } from './recorder.js';
import type { TargetRepository } from './target-repository.js';
import type { TapeCatalog } from './restore/tape-catalog.js';

/** How a design is built from its options (scenario `designs[i]`). */
export type DesignFactory<O> = (name: string, options: O) => BackupDesign;

export type DesignFamily = 'agent' | 'cdp' | 'proxy-image';

/** Restores a design can deliver from its backups. */
export type RestoreKind = 'vm' | 'disk' | 'file' | 'application-item' | 'instant-recovery' | 'virtual-lab' | 'verification' | 'point-in-time';

/** Where a design dedupes: at the source (agent/proxy), at the target, or not at all. */
export type DedupePlacement = 'none' | 'source' | 'target';

/** The kind of backup target (estate `targets[i].kind`). */
export type TargetKind = 'disk' | 'dedupe-appliance' | 'tape';

/** How a design reaches application consistency, if at all. */
export type ConsistencyRoute = 'agent-hook' | 'guest-tools' | 'none';

export interface DesignCapabilities {
  family: DesignFamily;
  /** Platform versions (PLATFORM_VERSIONS keys, `physical` included) whose machines it can protect. */
  platforms: readonly string[];
  targets: readonly TargetKind[];
  dedupe: readonly DedupePlacement[];
  restores: readonly RestoreKind[];
  /** How it asks applications to make their data consistent. */
  consistency: ConsistencyRoute;
}

/** A machine the design will not protect, and why (an outcome, shown in results and report). */
export interface Unprotected {
  machine: string;
  reason: string;
}

/** Recovery point exposure a design measured itself (see BackupDesign.measuredRpo). */
export interface MeasuredRpo {
  /** The longest a write waited before it was recoverable, seconds. */
  maxGapSec: number;
  /** How far the newest recoverable instant was behind `endSec`. */
  lastPointAgeSec: number;
}

/** What a design will do with a world, decided before the run. */
export interface DesignPlan {
  protect: readonly ProtectedMachine[];
  unprotected: readonly Unprotected[];
  /**
   * Where the design's restore points live: a repository on a disk target
   * (default) or tape cartridges (written straight to a tape library), which
   * only whole-VM and disk restores can read (a tape is read front to back).
   */
  pointsOn?: 'repository' | 'tape';
}

export interface DesignContext {
  world: World;
  recorder: BackupRecorder;
  /** The run ends here; schedules do not start jobs past it. */
  endSec: number;
  /**
   * The repository bound to an estate target (one per disk or
   * dedupe-appliance target, shared by every job of the run, charging its
   * I/O to that target's resources). Throws for an unknown target or a tape
   * library: `plan()` checks target names and kinds first.
   */
  repository(targetName: string): TargetRepository;
  /**
   * What the run holds on tape (restore points written straight to tape, and
   * disk-to-tape copies), shared with the run's restores. A design that
   * writes to tape records its points here; without it, it keeps them to
   * itself and no restore can find them.
   */
  tape?: TapeCatalog;
}

export interface BackupDesign {
  /** The design's name in the scenario (`designs[i].name`). */
  readonly name: string;
  readonly capabilities: DesignCapabilities;
  /**
   * Decides, before the run, which machines the design protects. Limits of
   * the design or the platforms (no agent for a platform, no image API on a
   * physical server, a target it cannot write) are `unprotected` entries,
   * never exceptions. Nonsense options are ConfigErrors.
   */
  plan(world: World): DesignPlan;
  /**
   * Starts the design's processes (schedulers, jobs) for the planned machines.
   * Called once per run; a design object is reused across runs (the runner
   * compares designs on fresh worlds), so per-run state lives in what `start`
   * builds, never on the design object.
   */
  start(ctx: DesignContext, plan: DesignPlan): void;
  /**
   * For designs whose recoverable points are not (only) repository restore
   * points, such as a CDP journal: the recovery point exposure the design
   * achieved for a machine by `endSec`, measured by the design's own
   * mechanism (the longest a write waited before it was recoverable, and how
   * far behind the newest recoverable instant was at the end). Results use it
   * in place of the gaps between restore points; null: no figure for it.
   */
  measuredRpo?(machinePath: string, endSec: number): MeasuredRpo | null;
}
