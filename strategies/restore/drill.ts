/**
 * A restore drill: one restore, asked for at one simulated time, as plain
 * data (DESIGN.md decision 11: restores are first-class). A scenario lists
 * drills; the runner starts them with `startRestoreDrills`, each as a
 * process that wakes at `atSec`, finds the restore point, moves the data as
 * flows and appends a `RestoreRecord`.
 *
 *     { kind: 'file', machine: 'web-01', atSec: 2 * 86400 + 9 * 3600, file: 'C:\\os\\f00012' }
 *     { kind: 'instant-recovery', machine: 'sql-01', atSec: 3 * 86400, point: { atOrBeforeSec: 2 * 86400 } }
 *     { kind: 'verification', machine: 'sql-01', atSec: 86400 + 6 * 3600 }
 *
 * What a drill asks that the design or the platform cannot do is reported
 * by `validateDrills` and recorded as an 'unsupported' outcome at the
 * drill's time, never thrown. Only malformed input (a negative time, a
 * fractional disk index) is a ConfigError, before the run.
 */
import { ConfigError } from '../../sim/engine/errors.js';
import type { ProtectedMachine } from '../../sim/world/world.js';
import type { RestoreKind } from '../protocol.js';

/** Which restore point a drill uses: the newest one when the drill runs, or the newest at or before a time. */
export type PointChoice = 'latest' | { atOrBeforeSec: number };

/**
 * The guest file a drill or a fault names: a path, or LARGEST_FILE, the
 * machine's largest file in the run's own guest layout. The layout is decided
 * by the run's seed, so the largest file is looked up on the run's world when
 * the drill or fault needs it (`filePath`), not named in advance.
 */
export type FileChoice = string | { readonly largest: true };

export const LARGEST_FILE: FileChoice = Object.freeze({ largest: true } as const);

/** The path `file` names on `m`; for LARGEST_FILE, its guest's largest file (undefined when it has none). */
export function filePath(m: ProtectedMachine, file: FileChoice | undefined): string | undefined {
  return file === undefined || typeof file === 'string' ? file : m.guest.filesystem.largest()?.path;
}

/** Where a restore reads from: the disk repository (default) or a tape copy made by `startTapeCopies`. */
export type RestoreSource = 'repository' | 'tape';

export interface RestoreDrill {
  kind: RestoreKind;
  /** The machine's estate name (`web-01`) or path (`vm/web-01`). */
  machine: string;
  /** When the restore is asked for, seconds of simulated time. */
  atSec: number;
  /** Default 'latest'. For 'point-in-time', the instant to restore to (default: the drill's own time). */
  point?: PointChoice;
  /** 'file' and 'application-item': the file in the guest (a path or LARGEST_FILE). Application item default: the application's first data file. */
  file?: FileChoice;
  /** 'disk': the disk index. Default 0. */
  disk?: number;
  /** 'virtual-lab': other machines started in the same lab beside this one. */
  labMachines?: readonly string[];
  /** 'virtual-lab': how long the lab runs once its machines are up, seconds. Default LAB_DEFAULTS.runSec. */
  labRunSec?: number;
  /** 'verification': how long to wait after boot before testing, seconds. Default 120 (SureBackup, DOMAIN.md). */
  bootWaitSec?: number;
  /** 'verification': also read every stored block back (backup file validation). Default true. */
  validateIntegrity?: boolean;
  /** 'vm' and 'disk': read a tape copy instead of the repository. Default 'repository'. */
  from?: RestoreSource;
}

/** The drill as the processes use it: defaults filled, the machine resolved to its path. */
export interface ResolvedDrill extends Required<Omit<RestoreDrill, 'file' | 'labMachines'>> {
  /** Position in the list given to `startRestoreDrills`, for names and reports. */
  index: number;
  file: FileChoice | undefined;
  labMachines: readonly string[];
}

export const DRILL_DEFAULTS = {
  point: 'latest' as PointChoice,
  disk: 0,
  /** SureBackup waits 120 s after boot by default (Veeam help center, DOMAIN.md). */
  bootWaitSec: 120,
  validateIntegrity: true,
  from: 'repository' as RestoreSource,
  /** Assumed: a lab session of half an hour (a test or a training session); DOMAIN.md gives no figure. */
  labRunSec: 1800,
} as const;

/** Fills defaults and rejects malformed values (ConfigError); says nothing about feasibility (validate.ts does). */
export function resolveDrill(drill: RestoreDrill, index: number): ResolvedDrill {
  const c = `restore/${index}`;
  if (drill === null || typeof drill !== 'object') throw new ConfigError(c, 'drill', drill, 'be an object');
  if (typeof drill.machine !== 'string' || drill.machine.length === 0) throw new ConfigError(c, 'machine', drill.machine, 'be a machine name');
  if (!(Number.isFinite(drill.atSec) && drill.atSec >= 0)) throw new ConfigError(c, 'atSec', drill.atSec, 'be a finite time >= 0');
  const point = drill.point ?? DRILL_DEFAULTS.point;
  if (point !== 'latest' && !(typeof point === 'object' && Number.isFinite(point.atOrBeforeSec))) {
    throw new ConfigError(c, 'point', point, "be 'latest' or { atOrBeforeSec: a finite time }");
  }
  const disk = drill.disk ?? DRILL_DEFAULTS.disk;
  if (!(Number.isSafeInteger(disk) && disk >= 0)) throw new ConfigError(c, 'disk', disk, 'be a disk index >= 0');
  const labRunSec = drill.labRunSec ?? DRILL_DEFAULTS.labRunSec;
  if (!(Number.isFinite(labRunSec) && labRunSec >= 0)) throw new ConfigError(c, 'labRunSec', labRunSec, 'be a finite number of seconds >= 0');
  const bootWaitSec = drill.bootWaitSec ?? DRILL_DEFAULTS.bootWaitSec;
  if (!(Number.isFinite(bootWaitSec) && bootWaitSec >= 0)) throw new ConfigError(c, 'bootWaitSec', bootWaitSec, 'be a finite number of seconds >= 0');
  const from = drill.from ?? DRILL_DEFAULTS.from;
  if (from !== 'repository' && from !== 'tape') throw new ConfigError(c, 'from', from, "be 'repository' or 'tape'");
  return {
    index,
    kind: drill.kind,
    machine: drill.machine,
    atSec: drill.atSec,
    point,
    file: drill.file,
    disk,
    labMachines: [...(drill.labMachines ?? [])],
    labRunSec,
    bootWaitSec,
    validateIntegrity: drill.validateIntegrity ?? DRILL_DEFAULTS.validateIntegrity,
    from,
  };
}

/** The latest time a point may have for this choice, when asked at `nowSec`. */
export function pointLimitSec(choice: PointChoice, nowSec: number): number {
  return choice === 'latest' ? nowSec : Math.min(nowSec, choice.atOrBeforeSec);
}
