/**
 * Retention: which of a machine's restore points to keep, and removing the
 * others without breaking the chains the kept ones depend on.
 *
 * Policies keep the N newest points, or the points of the last D days; both
 * always keep the newest point, so retention never deletes a machine's last
 * backup (a stopped job must not empty the repository). Points expire oldest
 * first, so the expired points of a chain are always its oldest ones:
 * - a chain whose points all expired is deleted whole;
 * - expired rollbacks (reverse increments) go one by one: nothing depends on
 *   the oldest;
 * - an expired full with kept increments after it is merged forward on a
 *   forever-forward chain (the oldest increment is written into the full,
 *   "transform/merge 2" I/O per block); on a forward chain with periodic fulls
 *   it stays, with its expired increments, until the whole chain expires (the
 *   outcome lists them as kept for dependencies, as Veeam's retention does).
 * Retention only drops references; garbage collection frees the blocks.
 */
import { ConfigError } from '../engine/errors.js';
import { SECONDS_PER_DAY } from '../disk/units.js';
import type { ChainRecord, PointRecord } from './catalog.js';
import { deleteChain, mergeOldest, removeOldestRollback } from './chain-ops.js';
import { emptyIo, type RepositoryIo } from './repository-io.js';
import type { RepositoryState } from './state.js';

export type RetentionPolicy = { keepPoints: number } | { keepDays: number };

export interface RetentionOutcome {
  /** Ids of the points removed (by deletion or by merge), ascending. */
  removedPointIds: number[];
  /** Increments merged into their full. */
  merges: number;
  /** Ids of expired points kept because a kept point depends on them, ascending. */
  keptForDependencies: number[];
  /** I/O of the merges. */
  io: RepositoryIo;
}

export function applyRetention<L extends string>(state: RepositoryState<L>, machine: string, policy: RetentionPolicy, nowSec: number): RetentionOutcome {
  const outcome: RetentionOutcome = { removedPointIds: [], merges: 0, keptForDependencies: [], io: emptyIo() };
  const record = state.catalog.machines.get(machine);
  if (record === undefined) return outcome;
  const expired = expiredPoints(record.chains, policy, nowSec, state.options.name);
  if (expired.size === 0) return outcome;
  for (const chain of [...record.chains]) {
    if (chain.points.every((p) => expired.has(p))) {
      for (const p of deleteChain(state, chain)) outcome.removedPointIds.push(p.id);
      continue;
    }
    while (expired.has(chain.points[0]!) && chain.anchor > 0) outcome.removedPointIds.push(removeOldestRollback(state, chain).id);
    while (expired.has(chain.points[0]!) && chain.mode === 'forever-forward') {
      outcome.removedPointIds.push(mergeOldest(state, chain, outcome.io).id);
      outcome.merges++;
    }
    for (const p of chain.points) if (expired.has(p)) outcome.keptForDependencies.push(p.id);
  }
  outcome.removedPointIds.sort((a, b) => a - b);
  return outcome;
}

function expiredPoints<L extends string>(chains: readonly ChainRecord<L>[], policy: RetentionPolicy, nowSec: number, component: string): Set<PointRecord<L>> {
  const points = chains.flatMap((c) => c.points);
  const newest = points.length - 1;
  const expired = new Set<PointRecord<L>>();
  if ('keepPoints' in policy) {
    const keep = policy.keepPoints;
    if (!(Number.isSafeInteger(keep) && keep >= 1)) throw new ConfigError(component, 'retention.keepPoints', keep, 'be a whole number >= 1');
    for (let i = 0; i < points.length - keep; i++) expired.add(points[i]!);
    return expired;
  }
  const days = policy.keepDays;
  if (!(Number.isFinite(days) && days > 0)) throw new ConfigError(component, 'retention.keepDays', days, 'be a number of days > 0');
  if (!Number.isFinite(nowSec)) throw new ConfigError(component, 'retention nowSec', nowSec, 'be a finite time in seconds');
  const cutoffSec = nowSec - days * SECONDS_PER_DAY;
  for (let i = 0; i < newest; i++) if (points[i]!.timeSec < cutoffSec) expired.add(points[i]!);
  return expired;
}
