/**
 * A backup repository (DESIGN.md, decision 10): a chunk store with a
 * fingerprint index, a catalog of restore points organised in chains,
 * retention and garbage collection. This is its public face; each concern
 * lives in its own file (see index.ts for the map).
 *
 * A backup is two-phase, so a job that fails half way commits nothing:
 *   const plan = repo.planIngest({ machine, timeSec, kind: 'incremental', placement: 'source', consistency, disks });
 *   // ... flows for plan.traffic: bytes read at the source, hashed, sent, written ...
 *   const outcome = repo.commit(plan);          // or repo.abort(plan, blocksThatArrived)
 * Then, as the job's schedule says: repo.synthesizeFull(machine), repo.applyRetention(machine, policy, nowSec),
 * repo.collectGarbage(). Restores read repo.reconstruct(pointId, disk) and repo.readLocality(pointId).
 *
 * Every operation returns its cost as data (bytes and I/Os) for the caller to
 * turn into flows; the repository itself never touches the clock. Programmer
 * errors (a plan committed twice, an incremental without a full, time going
 * backwards) throw; simulated outcomes (out of capacity, blocks collected
 * under a running backup, a corrupt block) are result values.
 *
 * `L` is the caller's consistency label type, e.g.
 * `Repository<'application-consistent' | 'crash-consistent' | 'damaged'>`.
 */
import { fail } from '../engine/errors.js';
import { slotAt } from './chain-ops.js';
import { ZERO_SLOT } from './chunk-store.js';
import { auditRepository } from './audit.js';
import type { GcOutcome } from './garbage-collector.js';
import { abortPlan, commitPlan } from './ingest-commit.js';
import { planIngest, type PlanInternals } from './ingest-plan.js';
import type { AbortOutcome, CommitOutcome, IngestPlan, IngestRequest } from './ingest-types.js';
import { resolveRepositoryOptions, type RepositoryOptions, type ResolvedRepositoryOptions } from './options.js';
import { readLocality, type ReadLocality } from './read-locality.js';
import { findPointDisk, reconstructDisk, type ReconstructOutcome } from './reconstruct.js';
import { describePoint, type RestorePointInfo } from './restore-point-info.js';
import { applyRetention, type RetentionOutcome, type RetentionPolicy } from './retention.js';
import { createState, type RepositoryState } from './state.js';
import { repositoryStats, type RepositoryStats } from './stats.js';
import { synthesizeFull, type SyntheticFullOptions, type SyntheticFullOutcome } from './synthetic-full.js';

export class Repository<L extends string = string> {
  readonly options: ResolvedRepositoryOptions;
  private readonly state: RepositoryState<L>;
  private readonly plans = new WeakMap<IngestPlan<L>, PlanInternals<L>>();

  constructor(options: RepositoryOptions) {
    this.options = resolveRepositoryOptions(options);
    this.state = createState<L>(this.options);
  }

  get name(): string {
    return this.options.name;
  }

  /** What the backup would read, send and store now. Changes nothing. */
  planIngest(request: IngestRequest<L>): IngestPlan<L> {
    const internals = planIngest(this.state, request);
    this.plans.set(internals.plan, internals);
    return internals.plan;
  }

  /** Stores the plan's blocks and records its restore point. Consumes the plan. */
  commit(plan: IngestPlan<L>): CommitOutcome<L> {
    return commitPlan(this.state, this.take(plan));
  }

  /**
   * The backup stopped after the first `arrivedBlocks` of `plan.traffic.blocksSent`
   * reached the target: those stay stored, unreferenced, until GC; no point is
   * recorded. Consumes the plan.
   */
  abort(plan: IngestPlan<L>, arrivedBlocks = 0): AbortOutcome {
    return abortPlan(this.state, this.take(plan), arrivedBlocks);
  }

  /** Builds a full of the machine's newest point from its chain (synthetic-full.ts). */
  synthesizeFull(machine: string, options: SyntheticFullOptions = {}): SyntheticFullOutcome<L> {
    return synthesizeFull(this.state, machine, options);
  }

  /** Removes the machine's expired points, merging where its chain mode says so (retention.ts). */
  applyRetention(machine: string, policy: RetentionPolicy, nowSec: number): RetentionOutcome {
    return applyRetention(this.state, machine, policy, nowSec);
  }

  /** Frees the blocks no kept file refers to. */
  collectGarbage(): GcOutcome {
    return this.state.collector.collect(this.state);
  }

  /** The disk's image at the point, chunk by chunk. */
  reconstruct(pointId: number, disk: string): ReconstructOutcome {
    return reconstructDisk(this.state, pointId, disk);
  }

  /** How scattered the point's blocks are (read-locality.ts); undefined if the point is gone. */
  readLocality(pointId: number, disk?: string): ReadLocality | undefined {
    return readLocality(this.state, pointId, disk);
  }

  /**
   * Fault injection: the stored block behind one block of a point rots on
   * disk. Every point sharing it is damaged. Returns false when that block is
   * a zero block (nothing stored to damage).
   */
  corruptBlock(pointId: number, disk: string, blockIndex: number): boolean {
    const found = findPointDisk(this.state, pointId, disk);
    if (found === undefined) fail(`corruptBlock: point ${pointId} is not in the catalog`);
    const geometry = found.chain.disks[found.diskIndex]!;
    if (!(Number.isSafeInteger(blockIndex) && blockIndex >= 0 && blockIndex < geometry.blockCount)) fail(`corruptBlock: block ${blockIndex} outside [0, ${geometry.blockCount})`);
    const slot = slotAt(found.chain, found.chain.points.indexOf(found.point), found.diskIndex, blockIndex);
    if (slot === ZERO_SLOT) return false;
    this.state.store.markCorrupt(slot);
    return true;
  }

  point(id: number): RestorePointInfo<L> | undefined {
    const p = this.state.catalog.points.get(id);
    return p === undefined ? undefined : describePoint(p, this.options.chunkSizeBytes);
  }

  /** Kept points, oldest first per machine, machines in order of their first backup. */
  points(machine?: string): RestorePointInfo<L>[] {
    const out: RestorePointInfo<L>[] = [];
    for (const m of this.state.catalog.machines.values()) {
      if (machine !== undefined && m.name !== machine) continue;
      for (const c of m.chains) for (const p of c.points) out.push(describePoint(p, this.options.chunkSizeBytes));
    }
    return out;
  }

  /** The machine's newest point: the base of its next incremental. */
  latestPoint(machine: string): RestorePointInfo<L> | undefined {
    const p = this.state.catalog.latestPoint(machine);
    return p === undefined ? undefined : describePoint(p, this.options.chunkSizeBytes);
  }

  /** Machines with at least one backup, in order of their first backup. */
  machines(): string[] {
    return [...this.state.catalog.machines.keys()];
  }

  stats(): RepositoryStats {
    return repositoryStats(this.state);
  }

  /** Recomputes every invariant from scratch; returns the problems found (empty when sound). */
  audit(): string[] {
    return auditRepository(this.state);
  }

  private take(plan: IngestPlan<L>): PlanInternals<L> {
    const internals = this.plans.get(plan);
    if (internals === undefined) fail(`plan ${String(plan?.planId)} was not made by repository ${this.options.name}, or was already committed or aborted`);
    this.plans.delete(plan);
    return internals;
  }
}
