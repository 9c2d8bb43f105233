/**
 * A tiny protected estate for the repository's tests: machines with one or
 * two small disks held as plain content-id arrays, a script of operations
 * (guest writes, backups, synthetic fulls, retention, GC, aborted backups),
 * and an oracle that remembers the exact content of every committed restore
 * point, so a test can compare any kept point's reconstruction with it.
 *
 * Content: ids 1..TEMPLATE_CHUNKS are an OS template every machine starts
 * from (so machines deduplicate against each other); writes bring fresh ids,
 * template ids (a file copied from the OS), other machines' ids, or zeros (a
 * trim). Changed chunks since the last committed backup are tracked per disk,
 * as CBT would, and feed the incrementals.
 */
import fc from 'fast-check';
import { FrozenImage } from '../../sim/disk/chunk-image.js';
import type { ChainMode, CommitOutcome, DedupePlacement, IngestPlan, IngestRequest, RepositoryOptions, TransformMode } from '../../sim/repository/index.js';
import { Repository } from '../../sim/repository/index.js';

export const CHUNK_BYTES = 4096;
export const TEMPLATE_CHUNKS = 12;

export interface WorldConfig {
  chunksPerBlock: number;
  transforms: TransformMode;
  compression: boolean;
  /** Capacity in bytes (Infinity: unlimited). */
  capacityBytes: number;
  /** Per machine, the chunk count of each disk. */
  machines: number[][];
}

export type WorldOp =
  | { op: 'write'; machine: number; disk: number; chunk: number; source: 'fresh' | 'template' | 'other' | 'zero'; pick: number }
  | { op: 'backup'; machine: number; kind: 'full' | 'incremental'; mode: ChainMode; placement: DedupePlacement; readAll: boolean }
  | { op: 'abort'; machine: number; placement: DedupePlacement; arrivedFraction: number }
  | { op: 'synthetic'; machine: number; rollback: boolean }
  | { op: 'retain'; machine: number; keepPoints: number }
  | { op: 'retain-days'; machine: number; keepDays: number }
  | { op: 'gc' };

export const worldConfigArb: fc.Arbitrary<WorldConfig> = fc.record({
  chunksPerBlock: fc.constantFrom(1, 2, 3),
  transforms: fc.constantFrom<TransformMode>('copy', 'clone'),
  compression: fc.boolean(),
  capacityBytes: fc.oneof({ weight: 4, arbitrary: fc.constant(Infinity) }, { weight: 1, arbitrary: fc.integer({ min: 20, max: 400 }).map((c) => c * CHUNK_BYTES) }),
  machines: fc.array(fc.array(fc.integer({ min: TEMPLATE_CHUNKS, max: 28 }), { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 }),
});

/** Placements to draw from; a test comparing placements fixes it instead. */
/** Scripts long enough for chains to grow, expire, merge and be collected. */
export function scriptArb(placements?: readonly DedupePlacement[]): fc.Arbitrary<WorldOp[]> {
  return fc.array(worldOpArb(placements), { minLength: 20, maxLength: 90, size: 'max' });
}

export function worldOpArb(placements: readonly DedupePlacement[] = ['none', 'source', 'target']): fc.Arbitrary<WorldOp> {
  const machine = fc.nat({ max: 7 });
  return fc.oneof(
    { weight: 8, arbitrary: fc.record({ op: fc.constant('write' as const), machine, disk: fc.nat({ max: 1 }), chunk: fc.nat({ max: 40 }), source: fc.constantFrom('fresh' as const, 'template' as const, 'other' as const, 'zero' as const), pick: fc.nat({ max: 1000 }) }) },
    { weight: 6, arbitrary: fc.record({ op: fc.constant('backup' as const), machine, kind: fc.constantFrom('full' as const, 'incremental' as const, 'incremental' as const), mode: fc.constantFrom<ChainMode>('forward', 'forever-forward', 'reverse'), placement: fc.constantFrom(...placements), readAll: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('abort' as const), machine, placement: fc.constantFrom(...placements), arrivedFraction: fc.double({ min: 0, max: 1, noNaN: true }) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('synthetic' as const), machine, rollback: fc.boolean() }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('retain' as const), machine, keepPoints: fc.integer({ min: 1, max: 4 }) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('retain-days' as const), machine, keepDays: fc.constantFrom(0.1, 0.3, 1) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('gc' as const) }) },
  );
}

interface MachineState {
  name: string;
  disks: Uint32Array[];
  /** Per disk, chunks written since the last committed backup. */
  changed: Set<number>[];
  hasChain: boolean;
}

/** Runs a script against a repository and remembers what every committed point holds. */
export class World {
  readonly repo: Repository;
  readonly machines: MachineState[];
  /** Content of every committed point, per disk, keyed by point id. */
  readonly expected = new Map<number, Uint32Array[]>();
  /** Every operation's outcome, for determinism checks. */
  readonly log: unknown[] = [];
  readonly commits: CommitOutcome[] = [];
  /** The plan of every committed backup, in order (same index as `commits`). */
  readonly plans: IngestPlan[] = [];
  private nextFresh = 1_000_000;
  private step = 0;

  constructor(readonly config: WorldConfig, options: Partial<RepositoryOptions> = {}) {
    this.repo = new Repository({
      name: 'target/test-repo',
      chunkSizeBytes: CHUNK_BYTES,
      blockSizeBytes: CHUNK_BYTES * config.chunksPerBlock,
      transforms: config.transforms,
      compression: config.compression ? {} : 'off',
      capacityBytes: config.capacityBytes,
      expectedStoredBlocks: 16,
      ...options,
    });
    this.machines = config.machines.map((sizes, m) => ({
      name: `vm/m${m}`,
      disks: sizes.map((n, d) => {
        const disk = new Uint32Array(n);
        if (d === 0) for (let c = 0; c < TEMPLATE_CHUNKS; c++) disk[c] = c + 1;
        return disk;
      }),
      changed: sizes.map(() => new Set<number>()),
      hasChain: false,
    }));
  }

  get nowSec(): number {
    return this.step * 3600;
  }

  /** Lets an hour pass without doing anything (a test planning a backup of its own needs a time after every point). */
  tick(): void {
    this.step++;
  }

  run(ops: readonly WorldOp[]): void {
    for (const op of ops) this.apply(op);
  }

  apply(op: WorldOp): void {
    this.step++;
    if (op.op === 'gc') {
      this.log.push(this.repo.collectGarbage());
      return;
    }
    const m = this.machines[op.machine % this.machines.length]!;
    switch (op.op) {
      case 'write':
        return this.write(m, op);
      case 'backup':
        return this.backup(m, op);
      case 'abort':
        return this.abort(m, op);
      case 'synthetic':
        if (m.hasChain) this.log.push(this.repo.synthesizeFull(m.name, { rollback: op.rollback }));
        return;
      case 'retain':
        this.log.push(this.repo.applyRetention(m.name, { keepPoints: op.keepPoints }, this.nowSec));
        return;
      case 'retain-days':
        this.log.push(this.repo.applyRetention(m.name, { keepDays: op.keepDays }, this.nowSec));
        return;
    }
  }

  request(m: MachineState, kind: 'full' | 'incremental', placement: DedupePlacement, readAll: boolean, mode: ChainMode = 'forward'): IngestRequest {
    const incremental = kind === 'incremental' && m.hasChain;
    const disks = m.disks.map((content, d) => {
      const image = new FrozenImage(content.slice(), CHUNK_BYTES);
      if (readAll) return { name: `disk/${d}`, image };
      const chunks = incremental ? [...m.changed[d]!] : [...content.keys()].filter((c) => content[c] !== 0);
      return { name: `disk/${d}`, image, readChunks: Uint32Array.from(chunks.sort((a, b) => a - b)) };
    });
    const base = { machine: m.name, timeSec: this.nowSec, consistency: 'crash-consistent', placement, disks };
    return incremental ? { ...base, kind: 'incremental' } : { ...base, kind: 'full', chainMode: mode };
  }

  private write(m: MachineState, op: Extract<WorldOp, { op: 'write' }>): void {
    const d = op.disk % m.disks.length;
    const disk = m.disks[d]!;
    const chunk = op.chunk % disk.length;
    let id = 0;
    if (op.source === 'fresh') id = this.nextFresh++;
    else if (op.source === 'template') id = 1 + (op.pick % TEMPLATE_CHUNKS);
    else if (op.source === 'other') {
      const other = this.machines[op.pick % this.machines.length]!.disks[0]!;
      id = other[op.pick % other.length]!;
    }
    disk[chunk] = id;
    m.changed[d]!.add(chunk);
  }

  private backup(m: MachineState, op: Extract<WorldOp, { op: 'backup' }>): void {
    const request = this.request(m, op.kind, op.placement, op.readAll, op.mode);
    const plan = this.repo.planIngest(request);
    const outcome = this.repo.commit(plan);
    this.log.push(plan.traffic, outcome);
    this.plans.push(plan);
    this.commits.push(outcome);
    if (outcome.state !== 'committed') return;
    this.expected.set(outcome.point.id, m.disks.map((d) => d.slice()));
    m.hasChain = true;
    for (const c of m.changed) c.clear();
  }

  private abort(m: MachineState, op: Extract<WorldOp, { op: 'abort' }>): void {
    const plan = this.repo.planIngest(this.request(m, 'incremental', op.placement, false));
    this.log.push(this.repo.abort(plan, Math.floor(op.arrivedFraction * plan.traffic.blocksSent)));
  }
}

/** Differences between every kept point's reconstruction and what was backed up (empty when all match). */
export function restoreMismatches(world: World): string[] {
  const problems: string[] = [];
  for (const point of world.repo.points()) {
    const expected = world.expected.get(point.id);
    if (expected === undefined) {
      problems.push(`point ${point.id} is kept but was never committed`);
      continue;
    }
    expected.forEach((content, d) => {
      const outcome = world.repo.reconstruct(point.id, `disk/${d}`);
      if (outcome.state !== 'intact') {
        problems.push(`point ${point.id} disk/${d}: ${outcome.state}`);
        return;
      }
      const got = outcome.image.read(0, outcome.image.chunkCount);
      if (got.length !== content.length || got.some((id, c) => id !== content[c])) {
        problems.push(`point ${point.id} disk/${d}: got [${[...got].join(',')}], backed up [${[...content].join(',')}]`);
      }
    });
  }
  return problems;
}
