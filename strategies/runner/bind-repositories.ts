/**
 * One repository per disk or dedupe-appliance target of the estate, bound to
 * that target's resources (strategies/target-repository.ts). Every design of
 * a run reaches them through `DesignContext.repository(name)`.
 *
 * Repository I/O (merges, synthetic fulls, rollbacks) is charged generically:
 * bytes read cross the target's `readHops()`, bytes written its
 * `ingestHops()`, so a disk repository's disks and an appliance's CPU each
 * pay for what they do, without a switch on the target's kind.
 */
import { ConfigError } from '../../sim/engine/errors.js';
import type { ProcessBody } from '../../sim/engine/process.js';
import type { Simulation } from '../../sim/engine/simulation.js';
import type { BackupTarget } from '../../sim/estate/targets.js';
import type { Flow, Hop } from '../../sim/flow/network.js';
import { Repository, type RepositoryOptions } from '../../sim/repository/index.js';
import type { RepositoryIo } from '../../sim/repository/index.js';
import type { World } from '../../sim/world/world.js';
import type { ConsistencyLabel } from '../recorder.js';
import type { TargetRepository } from '../target-repository.js';

/** Repository options a run may set for every target (the runner fills name, chunk size and capacity). */
export type RunRepositoryOptions = Omit<RepositoryOptions, 'name' | 'chunkSizeBytes' | 'capacityBytes'>;

/** Targets that hold a repository: not tape (no dedupe on tape, DOMAIN.md). */
export function holdsRepository(target: BackupTarget): boolean {
  return target.kind !== 'tape-library';
}

class BoundRepository implements TargetRepository {
  readonly repository: Repository<ConsistencyLabel>;

  constructor(
    private readonly sim: Simulation,
    readonly target: BackupTarget,
    options: RepositoryOptions,
  ) {
    this.repository = new Repository<ConsistencyLabel>(options);
  }

  get name(): string {
    return this.target.name;
  }

  ingestHops(): Hop[] {
    return this.target.ingestHops();
  }

  readHops(): Hop[] {
    return this.target.readHops();
  }

  *chargeIo(io: RepositoryIo, label: string): ProcessBody<void> {
    const flows: Flow[] = [];
    const path = `${this.target.path}/io/${label}`;
    if (io.readBytes > 0) flows.push(this.sim.transfer({ name: `${path}/read`, sizeBytes: io.readBytes, route: this.target.readHops() }));
    if (io.writeBytes > 0) flows.push(this.sim.transfer({ name: `${path}/write`, sizeBytes: io.writeBytes, route: this.target.ingestHops() }));
    if (flows.length === 1) yield flows[0]!;
    else if (flows.length > 1) yield this.sim.allOf(flows);
  }
}

/**
 * Builds the repositories of a world's targets, in estate order. The size
 * hint is the estate's total disk blocks (capped): the index is sized once
 * instead of regrowing during the run.
 */
export function bindRepositories(world: World, options: RunRepositoryOptions = {}): Map<string, TargetRepository> {
  const out = new Map<string, TargetRepository>();
  const chunk = world.chunkSizeBytes;
  let chunks = 0;
  for (const m of world.machines) for (const d of m.guest.disks) chunks += d.chunkCount;
  for (const target of world.estate.targets) {
    if (!holdsRepository(target)) continue;
    const full: RepositoryOptions = {
      expectedStoredBlocks: Math.min(2 ** 24, Math.max(1 << 10, Math.ceil(chunks / 4))),
      ...options,
      name: `${target.path}/repository`,
      chunkSizeBytes: chunk,
      capacityBytes: target.capacityBytes,
    };
    out.set(target.name, new BoundRepository(world.sim, target, full));
  }
  return out;
}

/** The accessor the runner puts in `DesignContext.repository`. */
export function repositoryAccessor(world: World, bound: ReadonlyMap<string, TargetRepository>): (targetName: string) => TargetRepository {
  return (targetName: string) => {
    const found = bound.get(targetName);
    if (found !== undefined) return found;
    const target = world.estate.target(targetName); // throws a ConfigError for an unknown name
    throw new ConfigError(target.path, 'kind', target.kind, 'be a disk or dedupe-appliance target to hold a repository');
  };
}
