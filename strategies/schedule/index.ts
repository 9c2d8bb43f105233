/** Scheduling helpers shared by the designs: nightly runs, weekly fulls, staggered starts. */
export {
  SEC_PER_DAY,
  NIGHTLY_DEFAULTS,
  resolveNightlySchedule,
  nightsBetween,
  nightKind,
  staggeredStartSec,
  type NightlySchedule,
  type ResolvedNightlySchedule,
  type Night,
} from './nightly.js';
