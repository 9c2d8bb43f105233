/**
 * Options of a VM's change process, their defaults (filled in one place) and
 * their validation.
 *
 * Daily change fractions come from the Restore Point Simulator (tdewin/rps)
 * figures quoted in DOMAIN.md: typical VMs change 1-2% a day, Exchange and SQL
 * Server 10-20%, and sizing tools assume 5-10%. The fraction is of the chunks
 * the guest uses, counting each chunk once however often it was rewritten.
 * Locality defaults (a 1% hot set taking half of the writes) are illustrative.
 */
import { ConfigError } from '../engine/errors.js';
import { requireFraction, requireKnown, requireWhole } from './config-checks.js';
import { resolveProfile, type DailyProfile, type DailyProfileName } from './daily-profile.js';
import { reachableDistinctFraction, writesPerChunkForChangeFraction } from './locality.js';

export interface ChangePreset {
  dailyChangeFraction: number;
  hotSetFraction: number;
  hotWriteShare: number;
}

export const CHANGE_PRESETS = {
  /** Typical VMs: 1-2% a day (RPS). */
  typical: { dailyChangeFraction: 0.015, hotSetFraction: 0.01, hotWriteShare: 0.5 },
  /** Exchange / SQL Server: 10-20% a day (RPS); a larger, hotter working set. */
  database: { dailyChangeFraction: 0.15, hotSetFraction: 0.05, hotWriteShare: 0.7 },
  /** What sizing tools assume: 5-10% a day (RPS). */
  'sizing-assumption': { dailyChangeFraction: 0.075, hotSetFraction: 0.02, hotWriteShare: 0.5 },
} as const satisfies Record<string, ChangePreset>;

export type ChangePresetName = keyof typeof CHANGE_PRESETS;

export interface ChangeProcessOptions {
  /** Component path, e.g. `vm/sql-01/disk/1/changes`. */
  name: string;
  /** Preset the other fields default from (default 'typical'). */
  preset?: ChangePresetName;
  /** Fraction of used chunks changed (written at least once) per day, in [0, 1). */
  dailyChangeFraction?: number;
  /** Fraction of used chunks that form the hot working set, in [0, 1]. */
  hotSetFraction?: number;
  /** Fraction of writes that land in the hot set, in [0, 1]. */
  hotWriteShare?: number;
  /** Hot chunks come in contiguous clusters of this many chunks (default 16), like hot tables and logs. */
  hotClusterChunks?: number;
  /** New chunks appended per day, as a fraction of the used chunks (default 0: no growth). */
  dailyGrowthFraction?: number;
  /** Hourly activity shape (default 'business-hours'). */
  profile?: DailyProfileName | readonly number[];
}

export interface ChangeConfig {
  name: string;
  dailyChangeFraction: number;
  hotSetFraction: number;
  hotWriteShare: number;
  hotClusterChunks: number;
  dailyGrowthFraction: number;
  profile: DailyProfile;
  /** Derived: chunk writes per used chunk per day that yield the daily change fraction. */
  writesPerChunkPerDay: number;
}

export const CHANGE_DEFAULTS = {
  preset: 'typical',
  hotClusterChunks: 16,
  dailyGrowthFraction: 0,
  profile: 'business-hours',
} as const;

export function resolveChangeConfig(options: ChangeProcessOptions): ChangeConfig {
  const c = options.name;
  const preset = requireKnown<ChangePreset>(c, 'preset', CHANGE_PRESETS, options.preset ?? CHANGE_DEFAULTS.preset);
  const dailyChangeFraction = requireFraction(c, 'dailyChangeFraction', options.dailyChangeFraction ?? preset.dailyChangeFraction, true);
  const hotSetFraction = requireFraction(c, 'hotSetFraction', options.hotSetFraction ?? preset.hotSetFraction);
  const hotWriteShare = requireFraction(c, 'hotWriteShare', options.hotWriteShare ?? preset.hotWriteShare);
  if (hotWriteShare > 0 && hotSetFraction === 0) {
    throw new ConfigError(c, 'hotSetFraction', hotSetFraction, 'be > 0 when hotWriteShare > 0 (writes need a hot set to land in)');
  }
  const reachable = reachableDistinctFraction(hotSetFraction, hotWriteShare);
  if (dailyChangeFraction >= reachable) {
    throw new ConfigError(c, 'dailyChangeFraction', dailyChangeFraction, `be < ${reachable} when every write goes to the hot set`);
  }
  return {
    name: c,
    dailyChangeFraction,
    hotSetFraction,
    hotWriteShare,
    hotClusterChunks: requireWhole(c, 'hotClusterChunks', options.hotClusterChunks ?? CHANGE_DEFAULTS.hotClusterChunks, 1),
    dailyGrowthFraction: requireFraction(c, 'dailyGrowthFraction', options.dailyGrowthFraction ?? CHANGE_DEFAULTS.dailyGrowthFraction),
    profile: resolveProfile(c, options.profile ?? CHANGE_DEFAULTS.profile),
    writesPerChunkPerDay: writesPerChunkForChangeFraction(dailyChangeFraction, hotSetFraction, hotWriteShare),
  };
}
