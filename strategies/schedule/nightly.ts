/**
 * Nightly backup schedules, shared by every design that runs jobs at night.
 *
 * The classic configuration (DOMAIN.md, issue 4: "all at 22:00 by default, as
 * people configure them"): one run a night at a fixed time of day, an active
 * full once a week and incrementals on the other nights. Time 0 of a run is
 * midnight of day 0, so night n starts at `n * 86400 + startSecOfDay`.
 *
 * A schedule is plain data; these functions turn it into start times and job
 * kinds. Nothing here knows a design.
 */
import { ConfigError } from '../../sim/engine/errors.js';
import { definedOnly } from '../runner/defined-only.js';

export const SEC_PER_DAY = 86_400;

export interface NightlySchedule {
  /** Seconds after midnight the nightly run starts. Default 22:00 (79,200 s). */
  startSecOfDay?: number;
  /** An active full every this many nights, counted from night `fullOnNight`. Default 7 (weekly). */
  fullEveryNights?: number;
  /** The night (0-based) of the first scheduled full. Default 0. */
  fullOnNight?: number;
  /** Seconds between the starts of consecutive machines of a night (0: all at once). Default 0. */
  staggerSec?: number;
}

export interface ResolvedNightlySchedule {
  startSecOfDay: number;
  fullEveryNights: number;
  fullOnNight: number;
  staggerSec: number;
}

export const NIGHTLY_DEFAULTS: ResolvedNightlySchedule = {
  startSecOfDay: 22 * 3600,
  fullEveryNights: 7,
  fullOnNight: 0,
  staggerSec: 0,
};

export function resolveNightlySchedule(component: string, s: NightlySchedule = {}): ResolvedNightlySchedule {
  const out = { ...NIGHTLY_DEFAULTS, ...definedOnly(s) };
  if (!(Number.isFinite(out.startSecOfDay) && out.startSecOfDay >= 0 && out.startSecOfDay < SEC_PER_DAY)) {
    throw new ConfigError(component, 'schedule.startSecOfDay', out.startSecOfDay, `be in [0, ${SEC_PER_DAY})`);
  }
  if (!(Number.isSafeInteger(out.fullEveryNights) && out.fullEveryNights >= 1)) {
    throw new ConfigError(component, 'schedule.fullEveryNights', out.fullEveryNights, 'be a whole number >= 1');
  }
  if (!(Number.isSafeInteger(out.fullOnNight) && out.fullOnNight >= 0)) {
    throw new ConfigError(component, 'schedule.fullOnNight', out.fullOnNight, 'be a whole number >= 0');
  }
  if (!(Number.isFinite(out.staggerSec) && out.staggerSec >= 0)) {
    throw new ConfigError(component, 'schedule.staggerSec', out.staggerSec, 'be a finite number of seconds >= 0');
  }
  return out;
}

/** One scheduled night: its index, its start time and the kind of backup it asks for. */
export interface Night {
  index: number;
  startSec: number;
  kind: 'full' | 'incremental';
}

/** The nights whose start falls in [fromSec, endSec), in order. */
export function nightsBetween(s: ResolvedNightlySchedule, fromSec: number, endSec: number): Night[] {
  const out: Night[] = [];
  const first = Math.max(0, Math.ceil((fromSec - s.startSecOfDay) / SEC_PER_DAY));
  for (let n = first; n * SEC_PER_DAY + s.startSecOfDay < endSec; n++) {
    out.push({ index: n, startSec: n * SEC_PER_DAY + s.startSecOfDay, kind: nightKind(s, n) });
  }
  return out;
}

/** Whether night n asks for an active full. Before the first scheduled full, nights are incrementals (which a design turns into a full when it has no chain yet). */
export function nightKind(s: ResolvedNightlySchedule, night: number): 'full' | 'incremental' {
  return night >= s.fullOnNight && (night - s.fullOnNight) % s.fullEveryNights === 0 ? 'full' : 'incremental';
}

/** The start of the i-th machine of a night under the schedule's stagger. */
export function staggeredStartSec(s: ResolvedNightlySchedule, nightStartSec: number, machineIndex: number): number {
  return nightStartSec + s.staggerSec * machineIndex;
}
