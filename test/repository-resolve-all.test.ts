import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IngestPlan, Repository } from '../sim/repository/index.js';
import type { PlanInternals } from '../sim/repository/ingest-plan.js';
import { emptyIo } from '../sim/repository/repository-io.js';
import { SlotResolver } from '../sim/repository/slot-resolver.js';
import type { RepositoryState } from '../sim/repository/state.js';
import { scriptArb, World, worldConfigArb, worldOpArb } from './support/repository-world.js';

/** The repository's private parts, which a resolver is built from. */
interface Inside {
  state: RepositoryState<string>;
  plans: WeakMap<IngestPlan, PlanInternals<string>>;
}

function inside(repo: Repository): Inside {
  return repo as unknown as Inside;
}

/** One resolver per planned disk walk, as a commit makes it. */
function resolverFor(repo: Repository, internals: PlanInternals<string>): SlotResolver {
  const { state } = inside(repo);
  return new SlotResolver(state, internals.plan.placement, internals, state.catalog.newContainer(), emptyIo(), state.catalog.arenaOf(internals.plan.machine), true);
}

describe('slot resolver', () => {
  it('resolve a planned disk in bulk exactly as block by block, whatever happened since the plan', () => {
    // The idea: `resolveAll` copies the verdicts of duplicates and zeros and
    // resolves only NEW and REPEAT blocks. Two repositories built by the same
    // script plan the same backup, live through the same operations between
    // plan and commit (other backups storing blocks, aborted backups, GC
    // collecting blocks the plan counted on, retention), then one resolves in
    // bulk and the other block by block: the slots, the blocks stored (and
    // where), the bytes, the I/O and the repository's totals must agree, also
    // when the target fills up part-way.
    let bulkTaken = 0;
    fc.assert(
      fc.property(
        worldConfigArb,
        scriptArb(),
        fc.nat({ max: 7 }),
        fc.constantFrom('full' as const, 'incremental' as const),
        fc.constantFrom('none' as const, 'source' as const, 'target' as const),
        fc.boolean(),
        fc.array(worldOpArb(), { maxLength: 12 }),
        (config, ops, machine, kind, placement, readAll, between) => {
          const worlds = [new World(config), new World(config)];
          const results = worlds.map((world, w) => {
            world.run(ops);
            world.tick();
            const m = world.machines[machine % world.machines.length]!;
            const plan = world.repo.planIngest(world.request(m, kind, placement, readAll));
            world.run(between);
            const internals = inside(world.repo).plans.get(plan)!;
            const resolver = resolverFor(world.repo, internals);
            const slots = internals.disks.map((d) => {
              const out = new Uint32Array(d.blocks.length);
              if (w === 0) resolver.resolveAll(d, out);
              else for (let i = 0; i < out.length && !resolver.full; i++) out[i] = resolver.resolve(d, i);
              return out;
            });
            const kept = internals.indexRemovals === inside(world.repo).state.indexRemovals;
            if (w === 0 && kept && placement !== 'none') bulkTaken++;
            const result = {
              full: resolver.full,
              stored: [...resolver.stored.view()],
              newPhysicalBytes: resolver.newPhysicalBytes,
              slots: resolver.full ? [] : slots.map((s) => [...s]),
              stats: world.repo.stats(),
            };
            for (const d of internals.disks) d.release();
            return result;
          });
          expect(results[0]).toEqual(results[1]);
        },
      ),
      { numRuns: 300 },
    );
    // The bulk path itself (not only its fallback) must have been checked.
    expect(bulkTaken).toBeGreaterThan(50);
  });
});
