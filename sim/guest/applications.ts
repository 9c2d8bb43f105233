/**
 * The catalog of guest applications and what their kind of consistency means,
 * as data (STYLE.md, principle 10): quiesce and classification code looks
 * traits up here and never switches on an application's name.
 *
 * Kinds (DOMAIN.md, "Consistency is modelled, not labelled"):
 * - `vss-aware`: has a VSS writer (SQL Server, Exchange). Guest tools that pass
 *   the quiesce to VSS, or an agent, make it flush; a crash image is still
 *   recoverable by replaying its log.
 * - `journaled`: crash-safe through a write-ahead log but without a VSS writer
 *   (most non-Windows databases). Only an agent's application hook flushes it.
 * - `not-crash-safe`: no journal; a crash image that misses in-memory work is
 *   damaged.
 * - `none`: no application state beyond the file system (a file server).
 *
 * Per-application figures are approximate and illustrative: the dirty window
 * follows the default checkpoint interval where one is documented (SQL Server's
 * recovery interval targets about a minute; PostgreSQL's checkpoint_timeout
 * defaults to 5 minutes).
 */
import type { ChangePresetName } from '../disk/change-config.js';
import type { OsFamily } from '../disk/os-templates.js';
import { MIB } from '../disk/units.js';

export type ConsistencyKind = 'vss-aware' | 'journaled' | 'not-crash-safe' | 'none';

/** What restoring a crash-consistent image of the application involves. */
export type CrashRecovery = 'replay-log' | 'damaged-if-work-missing' | 'nothing';

export interface ConsistencyTraits {
  /** A VSS writer that a VSS-reaching quiesce can freeze. */
  vssWriter: boolean;
  /** Keeps committed work in memory for a while before it reaches disk. */
  holdsCommittedWork: boolean;
  crashRecovery: CrashRecovery;
}

export const CONSISTENCY_TRAITS: Readonly<Record<ConsistencyKind, ConsistencyTraits>> = {
  'vss-aware': { vssWriter: true, holdsCommittedWork: true, crashRecovery: 'replay-log' },
  journaled: { vssWriter: false, holdsCommittedWork: true, crashRecovery: 'replay-log' },
  'not-crash-safe': { vssWriter: false, holdsCommittedWork: true, crashRecovery: 'damaged-if-work-missing' },
  none: { vssWriter: false, holdsCommittedWork: false, crashRecovery: 'nothing' },
};

export interface ApplicationSpec {
  consistency: ConsistencyKind;
  osFamilies: readonly OsFamily[];
  /** An in-guest backup agent has a hook that makes this application flush before a backup. */
  agentHook: boolean;
  /** How long committed work stays in memory before the application writes it to disk. */
  dirtyWindowSec: number;
  /** Log replay speed when recovering from a crash image. */
  replayBytesPerSec: number;
  /** Fixed start-up cost of crash recovery (log analysis), paid even with nothing to replay. */
  recoveryStartupSec: number;
  /** Default change process of the disk the application lives on. */
  changePreset: ChangePresetName;
  description: string;
}

export const APPLICATIONS = {
  'sql-server': {
    consistency: 'vss-aware',
    osFamilies: ['windows'],
    agentHook: true,
    dirtyWindowSec: 60,
    replayBytesPerSec: 100 * MIB,
    recoveryStartupSec: 10,
    changePreset: 'database',
    description: 'Microsoft SQL Server (VSS writer)',
  },
  exchange: {
    consistency: 'vss-aware',
    osFamilies: ['windows'],
    agentHook: true,
    dirtyWindowSec: 60,
    replayBytesPerSec: 50 * MIB,
    recoveryStartupSec: 30,
    changePreset: 'database',
    description: 'Microsoft Exchange Server (VSS writer)',
  },
  postgresql: {
    consistency: 'journaled',
    osFamilies: ['linux', 'windows'],
    agentHook: true,
    dirtyWindowSec: 300,
    replayBytesPerSec: 100 * MIB,
    recoveryStartupSec: 5,
    changePreset: 'database',
    description: 'PostgreSQL (write-ahead log, no VSS writer)',
  },
  'mysql-innodb': {
    consistency: 'journaled',
    osFamilies: ['linux', 'windows'],
    agentHook: true,
    dirtyWindowSec: 120,
    replayBytesPerSec: 80 * MIB,
    recoveryStartupSec: 5,
    changePreset: 'database',
    description: 'MySQL with InnoDB (redo log, no VSS writer)',
  },
  'legacy-isam': {
    consistency: 'not-crash-safe',
    osFamilies: ['linux', 'windows'],
    agentHook: true,
    dirtyWindowSec: 30,
    replayBytesPerSec: 0,
    recoveryStartupSec: 0,
    changePreset: 'typical',
    description: 'An ISAM-style application without a journal (an agent hook stops it cleanly)',
  },
  'file-server': {
    consistency: 'none',
    osFamilies: ['windows', 'linux'],
    agentHook: false,
    dirtyWindowSec: 0,
    replayBytesPerSec: 0,
    recoveryStartupSec: 0,
    changePreset: 'typical',
    description: 'File shares (no application state beyond the file system)',
  },
} as const satisfies Record<string, ApplicationSpec>;

export type ApplicationName = keyof typeof APPLICATIONS;
