/**
 * Locality: how many writes a day it takes to change a given fraction of a
 * disk when part of the writes keep hitting a hot working set.
 *
 * Model (per day, per chunk of the written region, all as fractions of it):
 * a share `s` of writes goes uniformly to a hot set of `h` of the chunks, the
 * rest uniformly to the whole region. With `w` writes per chunk per day, a
 * chunk escapes all writes with probability exp(-rate), so the expected
 * fraction of distinct chunks changed in a day is
 *
 *   D(w) = h * (1 - exp(-(s/h + 1 - s) * w)) + (1 - h) * (1 - exp(-(1 - s) * w))
 *
 * D is increasing in w, so the writes needed for a configured daily change
 * fraction come from bisection. Because hot chunks are rewritten, D(w) < w:
 * distinct changed chunks per day are fewer than writes per day, which is the
 * point of modelling locality (backups read changed chunks, not writes).
 */
import { assert, fail } from '../engine/errors.js';

/** Expected fraction of the region's chunks written at least once in a day. */
export function expectedDistinctFraction(writesPerChunk: number, hotSetFraction: number, hotWriteShare: number): number {
  const w = writesPerChunk;
  const h = hotSetFraction;
  const s = hotWriteShare;
  const cold = (1 - h) * (1 - Math.exp(-(1 - s) * w));
  if (h === 0) return cold;
  return h * (1 - Math.exp(-(s / h + 1 - s) * w)) + cold;
}

/** Largest distinct fraction reachable by any number of writes. */
export function reachableDistinctFraction(hotSetFraction: number, hotWriteShare: number): number {
  return hotWriteShare >= 1 ? hotSetFraction : 1;
}

/** Bisection steps: 200 halvings of a bracket reach the limit of double precision. */
const MAX_BISECTION_STEPS = 200;

/** Writes per chunk per day whose expected distinct fraction is `dailyChangeFraction`. */
export function writesPerChunkForChangeFraction(dailyChangeFraction: number, hotSetFraction: number, hotWriteShare: number): number {
  const f = dailyChangeFraction;
  if (!(f >= 0 && f < reachableDistinctFraction(hotSetFraction, hotWriteShare))) fail(`change fraction ${f} is not reachable`);
  if (f === 0) return 0;
  let lo = 0;
  let hi = 1;
  for (let i = 0; expectedDistinctFraction(hi, hotSetFraction, hotWriteShare) < f; i++) {
    assert(i < 64, 'bracket for the write rate did not close');
    hi *= 2;
  }
  for (let i = 0; i < MAX_BISECTION_STEPS && hi - lo > 1e-15 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (expectedDistinctFraction(mid, hotSetFraction, hotWriteShare) < f) lo = mid;
    else hi = mid;
  }
  return hi;
}
