/**
 * The CDP design's options, defaults (filled in one place, with where each
 * comes from) and validation.
 *
 * - journal retention 4 h: Veeam CDP's short-term journal (DOMAIN.md, CDP);
 * - journal minimum 8 GB: Zerto's minimum journal size (DOMAIN.md, CDP);
 * - near-CDP synchronisation every 15 min, from DPM's list 15, 30, 45, 60,
 *   120, 240, 360, 720 or 1440 minutes (DOMAIN.md, DPM near-CDP);
 * - bookmarks every 15 min: DOMAIN.md gives no CDP bookmark interval; this is
 *   DPM's shortest synchronisation interval, an illustrative choice;
 * - splitter CPU 10 cycles per byte written: illustrative (copying a write and
 *   pushing it through a TCP stack; no read, no compression, so well below the
 *   25 cycles per byte of a proxy's full backup);
 * - the initial sync and near-CDP synchronisations read like a full and an
 *   incremental backup: 25 and 100 cycles per byte (Veeam proxy sizing, DOMAIN.md).
 */
import { ConfigError, requirePositive } from '../../sim/engine/errors.js';
import { MIB } from '../../sim/disk/units.js';
import { PROXY_CYCLES_PER_BYTE } from '../../sim/estate/defaults.js';
import { PLATFORM_VERSION_NAMES, requirePlatformVersions } from '../../sim/platform/platform-versions.js';

/** DPM's synchronisation frequencies, minutes (DOMAIN.md). */
export const DPM_SYNC_INTERVALS_MIN = [15, 30, 45, 60, 120, 240, 360, 720, 1440] as const;
export type SyncIntervalMin = (typeof DPM_SYNC_INTERVALS_MIN)[number];

export type CdpMode = 'continuous' | 'near-cdp';
/** Where the write splitter runs: a filter driver in the guest, or an I/O filter in the hypervisor. */
export type SplitterPlacement = 'guest' | 'hypervisor';

export interface CdpOptions {
  /** Estate target holding the replica and the journal. Default: the estate's first disk or dedupe-appliance target. */
  target?: string;
  /** 'continuous' (every write, any point in time; default) or 'near-cdp' (DPM-style synchronisation). */
  mode?: CdpMode;
  /** Default 'guest'. A hypervisor splitter needs a hypervisor: physical servers are then unprotected. */
  splitter?: SplitterPlacement;
  /** near-CDP: minutes between synchronisations, one of DPM's (default 15). */
  syncIntervalMin?: number;
  /** Journal retention, seconds (default 4 h). */
  journalRetentionSec?: number;
  /** Journal size reserved on the target at least, bytes (default 8 GB). */
  journalMinBytes?: number;
  /** Journal size beyond which the oldest entries fold early, bytes (default unlimited). */
  journalMaxBytes?: number;
  /** Seconds between application-consistent bookmarks where VSS is reachable (default 900; 0: none). */
  bookmarkIntervalSec?: number;
  /** Splitter CPU per byte written (default 10, illustrative). */
  splitterCyclesPerByte?: number;
  /** CPU per byte read by the initial sync (default 25) and by near-CDP synchronisations (default 100). */
  readCyclesPerByte?: { sync?: number; nearCdp?: number };
  /** Read size of the initial sync and near-CDP synchronisations, bytes (default 1 MiB). */
  readIoSizeBytes?: number;
  /** Initial syncs running at once (default 4, illustrative); the rest queue. */
  maxConcurrentInitialSyncs?: number;
  /** Platform versions (and `physical`) the product has a splitter for. Default all (hypervisor splitter: all but physical). */
  platforms?: readonly string[];
}

export interface ResolvedCdpOptions {
  target: string | undefined;
  mode: CdpMode;
  splitter: SplitterPlacement;
  syncIntervalSec: number;
  journalRetentionSec: number;
  journalMinBytes: number;
  journalMaxBytes: number;
  bookmarkIntervalSec: number;
  splitterCyclesPerByte: number;
  readCyclesPerByte: { sync: number; nearCdp: number };
  readIoSizeBytes: number;
  maxConcurrentInitialSyncs: number;
  platforms: readonly string[];
}

export const CDP_DEFAULTS = {
  mode: 'continuous',
  splitter: 'guest',
  syncIntervalMin: 15,
  journalRetentionSec: 4 * 3600,
  journalMinBytes: 8e9,
  journalMaxBytes: Infinity,
  bookmarkIntervalSec: 900,
  splitterCyclesPerByte: 10,
  readCyclesPerByte: { sync: PROXY_CYCLES_PER_BYTE.full, nearCdp: PROXY_CYCLES_PER_BYTE.incremental },
  readIoSizeBytes: 1 * MIB,
  maxConcurrentInitialSyncs: 4,
} as const;

export function resolveCdpOptions(design: string, o: CdpOptions = {}): ResolvedCdpOptions {
  const c = `design/${design}`;
  const d = CDP_DEFAULTS;
  const mode = o.mode ?? d.mode;
  if (mode !== 'continuous' && mode !== 'near-cdp') throw new ConfigError(c, 'mode', mode, 'be "continuous" or "near-cdp"');
  const splitter = o.splitter ?? d.splitter;
  if (splitter !== 'guest' && splitter !== 'hypervisor') throw new ConfigError(c, 'splitter', splitter, 'be "guest" or "hypervisor"');
  const syncMin = o.syncIntervalMin ?? d.syncIntervalMin;
  if (!(DPM_SYNC_INTERVALS_MIN as readonly number[]).includes(syncMin)) throw new ConfigError(c, 'syncIntervalMin', syncMin, `be one of DPM's ${DPM_SYNC_INTERVALS_MIN.join(', ')}`);
  const platforms = requirePlatformVersions(c, 'platforms', o.platforms ?? PLATFORM_VERSION_NAMES);
  const maxBytes = o.journalMaxBytes ?? d.journalMaxBytes;
  if (!(maxBytes > 0)) throw new ConfigError(c, 'journalMaxBytes', maxBytes, 'be > 0 (Infinity for no limit)');
  const syncs = o.maxConcurrentInitialSyncs ?? d.maxConcurrentInitialSyncs;
  if (!(Number.isSafeInteger(syncs) && syncs >= 1)) throw new ConfigError(c, 'maxConcurrentInitialSyncs', syncs, 'be a whole number >= 1');
  return {
    target: o.target,
    mode,
    splitter,
    syncIntervalSec: syncMin * 60,
    journalRetentionSec: requirePositive(c, 'journalRetentionSec', o.journalRetentionSec ?? d.journalRetentionSec),
    journalMinBytes: nonNegative(c, 'journalMinBytes', o.journalMinBytes ?? d.journalMinBytes),
    journalMaxBytes: maxBytes,
    bookmarkIntervalSec: nonNegative(c, 'bookmarkIntervalSec', o.bookmarkIntervalSec ?? d.bookmarkIntervalSec),
    splitterCyclesPerByte: nonNegative(c, 'splitterCyclesPerByte', o.splitterCyclesPerByte ?? d.splitterCyclesPerByte),
    readCyclesPerByte: {
      sync: requirePositive(c, 'readCyclesPerByte.sync', o.readCyclesPerByte?.sync ?? d.readCyclesPerByte.sync),
      nearCdp: requirePositive(c, 'readCyclesPerByte.nearCdp', o.readCyclesPerByte?.nearCdp ?? d.readCyclesPerByte.nearCdp),
    },
    readIoSizeBytes: requirePositive(c, 'readIoSizeBytes', o.readIoSizeBytes ?? d.readIoSizeBytes),
    maxConcurrentInitialSyncs: syncs,
    platforms: splitter === 'hypervisor' ? platforms.filter((p) => p !== 'physical') : [...platforms],
  };
}

function nonNegative(c: string, field: string, v: number): number {
  if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0)) throw new ConfigError(c, field, v, 'be a finite number >= 0');
  return v;
}
