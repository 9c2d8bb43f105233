/**
 * When a redirect-on-write consolidation stops merging while the VM runs and
 * stuns it for the last merge, and what that costs.
 *
 * Model (after VMware KB 2039754, figures in DOMAIN.md): deleting the running
 * snapshot merges its delta into the base while the VM keeps writing into a
 * helper delta. Each pass merges what was written during the previous pass.
 * When the next merge is estimated (at the rate the last pass achieved) to
 * take at most `stunTargetSec`, the VM is stunned, the last helper is merged
 * and the VM switches to the base disk: a final stun under 1 s when the guest
 * is quiet. When the guest writes new chunks at least as fast as the merge
 * runs, each helper is no smaller than the last, so the passes cannot
 * converge; after `maxPasses` the stun is forced whatever the helper's size,
 * and lasts as long as that merge (minutes to 30+ min in the KB's reports).
 *
 * A merge reads the delta and writes it into the parent: 2 bytes of I/O per
 * delta byte. `planConsolidation` is the same rule in closed form (a steady
 * guest write rate, an unchanging merge rate), for sizing and property tests;
 * `consolidate.ts` runs it with flows and the guest's real writes.
 */
import { requireNonNegative, requirePositive } from '../engine/errors.js';

export interface ConsolidationPolicy {
  /** Stun when the next merge is estimated to take at most this long. DOMAIN.md: the final stun is under 1 s. */
  stunTargetSec: number;
  /** Merge passes while the VM runs before the stun is forced (KB 2039754 describes about ten iterations). */
  maxPasses: number;
  /** Fixed part of a stun: stopping the VM's I/O and switching it to the parent disk (illustrative). */
  stunSwitchSec: number;
}

export const CONSOLIDATION_DEFAULTS: Readonly<ConsolidationPolicy> = {
  stunTargetSec: 1,
  maxPasses: 10,
  stunSwitchSec: 0.1,
};

/** I/O bytes per delta byte merged: read it from the delta, write it to the parent. */
export const MERGE_IO_PER_DELTA_BYTE = 2;

export interface MergePass {
  deltaBytes: number;
  durationSec: number;
}

export interface ConsolidationResult {
  /** Delta at the start of the consolidation. */
  deltaBytes: number;
  /** Passes merged while the VM ran. */
  passes: MergePass[];
  /** Merged while the VM was stunned. */
  finalDeltaBytes: number;
  /** All merge I/O (read + write), bytes. */
  ioBytes: number;
  durationSec: number;
  stunSec: number;
  /** False when the stun was forced after `maxPasses`: the guest wrote faster than the merge. */
  converged: boolean;
  /** Whether the merged delta was the one the VM was writing to (only then is there a stun). */
  runningDelta: boolean;
}

export type PassDecision = { kind: 'another-pass' } | { kind: 'stun'; converged: boolean };

/** The rule both the closed form and the simulation follow, after `passesDone` passes. */
export function decideNextPass(passesDone: number, nextDeltaBytes: number, mergeBytesPerSec: number, policy: ConsolidationPolicy): PassDecision {
  if (nextDeltaBytes === 0) return { kind: 'stun', converged: true };
  // The first pass always runs: no merge rate has been observed yet.
  if (passesDone === 0) return { kind: 'another-pass' };
  if (nextDeltaBytes / mergeBytesPerSec <= policy.stunTargetSec) return { kind: 'stun', converged: true };
  if (passesDone >= policy.maxPasses) return { kind: 'stun', converged: false };
  return { kind: 'another-pass' };
}

export interface ConsolidationPlanInput {
  deltaBytes: number;
  /** Delta bytes merged per second (the I/O rate is twice this). */
  mergeBytesPerSec: number;
  /** New delta bytes the guest creates per second while the merge runs (distinct chunks written x chunk size). */
  guestDeltaBytesPerSec: number;
  /** A helper delta never exceeds the disk (default unbounded). */
  maxDeltaBytes?: number;
}

/** The consolidation of a running delta in closed form. */
export function planConsolidation(input: ConsolidationPlanInput, policy: ConsolidationPolicy = CONSOLIDATION_DEFAULTS): ConsolidationResult {
  const c = 'consolidation-plan';
  const mergeRate = requirePositive(c, 'mergeBytesPerSec', input.mergeBytesPerSec);
  const writeRate = requireNonNegative(c, 'guestDeltaBytesPerSec', input.guestDeltaBytesPerSec);
  const cap = input.maxDeltaBytes ?? Infinity;
  const passes: MergePass[] = [];
  let delta = requireNonNegative(c, 'deltaBytes', input.deltaBytes);
  let decision = decideNextPass(0, delta, mergeRate, policy);
  while (decision.kind === 'another-pass') {
    const durationSec = delta / mergeRate;
    passes.push({ deltaBytes: delta, durationSec });
    delta = Math.min(cap, writeRate * durationSec);
    decision = decideNextPass(passes.length, delta, mergeRate, policy);
  }
  const stunSec = policy.stunSwitchSec + delta / mergeRate;
  const merged = passes.reduce((s, p) => s + p.deltaBytes, 0) + delta;
  return {
    deltaBytes: input.deltaBytes,
    passes,
    finalDeltaBytes: delta,
    ioBytes: MERGE_IO_PER_DELTA_BYTE * merged,
    durationSec: passes.reduce((s, p) => s + p.durationSec, 0) + stunSec,
    stunSec,
    converged: decision.converged,
    runningDelta: true,
  };
}
