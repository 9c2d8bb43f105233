/**
 * The in-guest agent design's options, their defaults (filled in one place)
 * and their validation (STYLE.md, principle 7).
 *
 * CPU figures: an agent does the work a backup proxy does (read, package,
 * send), only on the guest's vCPUs. The Veeam proxy sizing figures (DOMAIN.md:
 * a full runs at about 100 MB/s per core, an incremental at about 25 MB/s per
 * core) become cycles per byte at the 2.5 GHz reference clock: 25 for a full,
 * 100 for an incremental (estate PROXY_CYCLES_PER_BYTE). Compression and
 * fingerprinting are charged on top, per byte they touch; their figures are
 * illustrative (a fast compressor and SHA-256 each run at a few hundred MB/s
 * per core).
 */
import { ConfigError, requirePositive } from '../../sim/engine/errors.js';
import { KIB } from '../../sim/disk/units.js';
import { PROXY_CYCLES_PER_BYTE } from '../../sim/estate/defaults.js';
import { PLATFORM_VERSION_NAMES, requirePlatformVersions } from '../../sim/platform/platform-versions.js';
import { DEDUPE_PLACEMENTS, type DedupePlacement } from '../../sim/repository/index.js';
import { MIN_DIFF_AREA_BYTES } from '../../sim/tracking/vss-shadow-copy.js';
import { resolveNightlySchedule, type NightlySchedule, type ResolvedNightlySchedule } from '../schedule/index.js';

export interface AgentOptions {
  /** Estate target the agents write to. Default: the estate's first disk or dedupe-appliance target. */
  target?: string;
  /** When jobs run: all at 22:00 by default, weekly full, daily incremental (strategies/schedule). */
  schedule?: NightlySchedule;
  /** Where the backup dedupes: 'none' (default), 'source' (the agent fingerprints) or 'target'. */
  dedupe?: DedupePlacement;
  /** The agent compresses before sending (default true); false leaves compression to the target. */
  compression?: boolean;
  /** Platform versions (and `physical`) an agent exists for. Default: all of them. */
  platforms?: readonly string[];
  /** Cycles per byte read to read, package and send: full / incremental (defaults 25 / 100, see header). */
  readCyclesPerByte?: { full?: number; incremental?: number };
  /** Cycles per byte compressed at the agent (default 10, illustrative). */
  compressCyclesPerByte?: number;
  /** Cycles per byte fingerprinted at the agent for source dedupe (default 10, illustrative). */
  hashCyclesPerByte?: number;
  /** Size of the agent's file reads, bytes (default 256 KiB, illustrative). */
  readIoSizeBytes?: number;
  /** Seconds the application hooks and the shadow copy take to prepare before the freeze (default 2, as the platform's quiesce). */
  prepareSec?: number;
  /** Diff area of the in-guest shadow copy per disk, bytes (default: 10% of the disk, at least the 320 MB VSS minimum). */
  shadowDiffAreaBytes?: number;
}

export interface ResolvedAgentOptions {
  target: string | undefined;
  schedule: ResolvedNightlySchedule;
  dedupe: DedupePlacement;
  compression: boolean;
  platforms: readonly string[];
  readCyclesPerByte: { full: number; incremental: number };
  compressCyclesPerByte: number;
  hashCyclesPerByte: number;
  readIoSizeBytes: number;
  prepareSec: number;
  /** Null: sized per disk (10% of it, at least the VSS minimum). */
  shadowDiffAreaBytes: number | null;
}

export const AGENT_DEFAULTS = {
  dedupe: 'none',
  compression: true,
  readCyclesPerByte: { full: PROXY_CYCLES_PER_BYTE.full, incremental: PROXY_CYCLES_PER_BYTE.incremental },
  compressCyclesPerByte: 10,
  hashCyclesPerByte: 10,
  readIoSizeBytes: 256 * KIB,
  prepareSec: 2,
  /** Windows reserves shadow storage as a share of the volume; 10% is a common setting (illustrative). */
  shadowDiffAreaFraction: 0.1,
} as const;

export function resolveAgentOptions(design: string, o: AgentOptions = {}): ResolvedAgentOptions {
  const c = `design/${design}`;
  const dedupe = o.dedupe ?? AGENT_DEFAULTS.dedupe;
  if (!DEDUPE_PLACEMENTS.includes(dedupe)) throw new ConfigError(c, 'dedupe', dedupe, `be one of ${DEDUPE_PLACEMENTS.join(', ')}`);
  const platforms = requirePlatformVersions(c, 'platforms', o.platforms ?? PLATFORM_VERSION_NAMES);
  if (o.target !== undefined && (typeof o.target !== 'string' || o.target.length === 0)) throw new ConfigError(c, 'target', o.target, 'name an estate target');
  if (o.compression !== undefined && typeof o.compression !== 'boolean') throw new ConfigError(c, 'compression', o.compression, 'be true or false');
  const diff = o.shadowDiffAreaBytes;
  if (diff !== undefined && !(Number.isFinite(diff) && diff >= MIN_DIFF_AREA_BYTES)) {
    throw new ConfigError(c, 'shadowDiffAreaBytes', diff, `be at least ${MIN_DIFF_AREA_BYTES} (the VSS minimum)`);
  }
  const d = AGENT_DEFAULTS;
  return {
    target: o.target,
    schedule: resolveNightlySchedule(c, o.schedule),
    dedupe,
    compression: o.compression ?? d.compression,
    platforms: [...platforms],
    readCyclesPerByte: {
      full: requirePositive(c, 'readCyclesPerByte.full', o.readCyclesPerByte?.full ?? d.readCyclesPerByte.full),
      incremental: requirePositive(c, 'readCyclesPerByte.incremental', o.readCyclesPerByte?.incremental ?? d.readCyclesPerByte.incremental),
    },
    compressCyclesPerByte: nonNegative(c, 'compressCyclesPerByte', o.compressCyclesPerByte ?? d.compressCyclesPerByte),
    hashCyclesPerByte: nonNegative(c, 'hashCyclesPerByte', o.hashCyclesPerByte ?? d.hashCyclesPerByte),
    readIoSizeBytes: requirePositive(c, 'readIoSizeBytes', o.readIoSizeBytes ?? d.readIoSizeBytes),
    prepareSec: nonNegative(c, 'prepareSec', o.prepareSec ?? d.prepareSec),
    shadowDiffAreaBytes: diff ?? null,
  };
}

/** The diff area of one disk's shadow copy under these options. */
export function shadowDiffAreaBytes(options: ResolvedAgentOptions, diskBytes: number): number {
  return options.shadowDiffAreaBytes ?? Math.max(MIN_DIFF_AREA_BYTES, Math.ceil(diskBytes * AGENT_DEFAULTS.shadowDiffAreaFraction));
}

function nonNegative(c: string, field: string, v: number): number {
  if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0)) throw new ConfigError(c, field, v, 'be a finite number >= 0');
  return v;
}
