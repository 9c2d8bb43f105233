/**
 * Small fixtures for the repository's example tests: images from literal
 * content ids, a one-disk machine whose backups are one call each, and a
 * repository with every figure a test's arithmetic depends on set explicitly.
 */
import { FrozenImage } from '../../sim/disk/chunk-image.js';
import { Repository, type ChainMode, type CommitOutcome, type DedupePlacement, type IngestPlan, type RepositoryOptions } from '../../sim/repository/index.js';

export const CHUNK = 4096;

export function image(ids: readonly number[]): FrozenImage {
  return new FrozenImage(Uint32Array.from(ids), CHUNK);
}

/** `count` fresh ids starting at `first`. */
export function run(first: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => first + i);
}

export function repository(options: Partial<RepositoryOptions> = {}): Repository {
  return new Repository({ name: 'target/repo', chunkSizeBytes: CHUNK, blockSizeBytes: CHUNK, expectedStoredBlocks: 64, ...options });
}

/** One machine with one disk, backed up by whole images; remembers the clock. */
export class Machine {
  private timeSec = 0;
  lastPlan: IngestPlan | undefined;

  constructor(readonly repo: Repository, readonly name: string, readonly placement: DedupePlacement = 'source') {}

  plan(ids: readonly number[], kind: 'full' | 'incremental', changed?: readonly number[], chainMode: ChainMode = 'forward'): IngestPlan {
    this.timeSec += 86_400;
    const disk = { name: 'disk/0', image: image(ids), ...(changed !== undefined ? { readChunks: Uint32Array.from(changed) } : {}) };
    const base = { machine: this.name, timeSec: this.timeSec, consistency: 'crash-consistent', placement: this.placement, disks: [disk] };
    this.lastPlan = this.repo.planIngest(kind === 'full' ? { ...base, kind, chainMode } : { ...base, kind });
    return this.lastPlan;
  }

  full(ids: readonly number[], chainMode: ChainMode = 'forward'): Committed {
    return committed(this.repo.commit(this.plan(ids, 'full', undefined, chainMode)));
  }

  incremental(ids: readonly number[], changed: readonly number[]): Committed {
    return committed(this.repo.commit(this.plan(ids, 'incremental', changed)));
  }

  get nowSec(): number {
    return this.timeSec;
  }
}

export type Committed = Extract<CommitOutcome, { state: 'committed' }>;

export function committed(outcome: CommitOutcome): Committed {
  if (outcome.state !== 'committed') throw new Error(`expected a commit, got ${outcome.state}`);
  return outcome;
}

/** Content of a point's disk/0 as a plain array, or the outcome's state if not intact. */
export function restored(repo: Repository, pointId: number): number[] | string {
  const outcome = repo.reconstruct(pointId, 'disk/0');
  return outcome.state === 'intact' ? [...outcome.image.read(0, outcome.image.chunkCount)] : outcome.state;
}
