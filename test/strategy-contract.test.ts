/**
 * The strategy contract (STYLE.md principle 12): every design registered in
 * strategies/index.ts, with each of its contract option sets, passes the same
 * properties over small generated worlds. Adding a registry entry is all it
 * takes to be checked here.
 *
 * Runs are memoised per (design, options, case), so the properties that only
 * read a run share it; the generated cases are the same for every property
 * because every `fc.assert` uses the same seed and arbitrary.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DESIGNS, DESIGN_NAMES } from '../strategies/index.js';
import { PLATFORM_VERSION_NAMES } from '../sim/platform/platform-versions.js';
import { runDesign, type DesignRun } from '../strategies/run.js';
import { ContentProbe } from './support/content-probe.js';
import { contractCaseArb, type ContractCase } from './support/contract-worlds.js';

const NUM_RUNS = 8;
const FC_SEED = 20_110_501;

interface Entry {
  kind: string;
  label: string;
  options: unknown;
}

const ENTRIES: Entry[] = DESIGN_NAMES.flatMap((kind) => Object.entries(DESIGNS[kind]!.contractOptions).map(([label, options]) => ({ kind, label, options })));

interface ProbedRun {
  run: DesignRun;
  probe: ContentProbe;
}

const memo = new Map<string, ProbedRun>();

function runCase(e: Entry, c: ContractCase): ProbedRun {
  const key = JSON.stringify([e.kind, e.label, c]);
  let found = memo.get(key);
  if (found === undefined) {
    let probe: ContentProbe | undefined;
    const run = runDesign(c.spec, DESIGNS[e.kind]!.create(`${e.kind}-${e.label}`, e.options), { seed: c.seed, days: c.days }, { onWorld: (w) => (probe = new ContentProbe(w)) });
    found = { run, probe: probe! };
    memo.set(key, found);
  }
  return found;
}

function check(property: (c: ContractCase) => void): void {
  fc.assert(fc.property(contractCaseArb, property), { numRuns: NUM_RUNS, seed: FC_SEED, endOnFailure: true });
}

describe.each(ENTRIES)('the $kind design ($label)', (e) => {
  it('declares its capabilities as data about known platforms', () => {
    const caps = DESIGNS[e.kind]!.create('caps', e.options).capabilities;
    for (const p of caps.platforms) expect(PLATFORM_VERSION_NAMES as readonly string[]).toContain(p);
    expect(caps.targets.length).toBeGreaterThan(0);
    expect(caps.restores.length).toBeGreaterThan(0);
  });

  it('gives deep-equal results for the same seed', () => {
    // Determinism: a second run of the same world, design and seed, from scratch, gives the same results.
    check((c) => {
      const again = runDesign(c.spec, DESIGNS[e.kind]!.create(`${e.kind}-${e.label}`, e.options), { seed: c.seed, days: c.days });
      expect(again.result).toEqual(runCase(e, c).run.result);
    });
  });

  it('never loads a resource beyond its capacity', () => {
    // Capacity: the flow solver's recorded peak load of every resource stays within its capacity.
    check((c) => {
      const { run } = runCase(e, c);
      for (const r of run.world.sim.flows.resources) {
        if (!(r.recorder.peakLoad <= r.capacity * (1 + 1e-9) + 1e-6)) expect.fail(`${r.name}: peak ${r.recorder.peakLoad} > capacity ${r.capacity}`);
      }
    });
  });

  it('accounts for every machine: protected, or unprotected with a reason', () => {
    // Coverage: each machine of the world is planned exactly once, and every refusal says why.
    check((c) => {
      const { run } = runCase(e, c);
      const planned = run.plan.protect.map((m) => m.path);
      const refused = run.result.unprotected.map((u) => u.machine);
      expect([...planned, ...refused].sort()).toEqual(run.world.machines.map((m) => m.path).sort());
      for (const u of run.result.unprotected) expect(u.reason.length).toBeGreaterThan(10);
    });
  });

  it('gives every protected machine restore points or a recorded failure', () => {
    // Nothing silent: a planned machine ends the run with a point, a failed job saying why, or a job still running.
    check((c) => {
      const { run } = runCase(e, c);
      for (const m of run.plan.protect) {
        const jobs = run.recorder.jobs.filter((j) => j.machine === m.path);
        const ok = jobs.some((j) => j.restorePointId !== null) || jobs.some((j) => j.outcome.state === 'failed') || run.recorder.starts.some((s) => s.machine === m.path);
        if (!ok) expect.fail(`${m.path} has no restore point, no failure and no running job`);
      }
    });
  });

  it("restores exactly the disk content of the machine at each point's time", () => {
    // No data lost: every kept point, rebuilt chunk by chunk from the repository, equals what the disk held at the point's instant.
    check((c) => {
      const { run, probe } = runCase(e, c);
      for (const bound of run.repositories.values()) {
        const repo = bound.repository;
        expect(repo.audit()).toEqual([]);
        for (const point of repo.points()) {
          for (const disk of point.disks) {
            const rebuilt = repo.reconstruct(point.id, disk.name);
            if (rebuilt.state !== 'intact') expect.fail(`point ${point.id} of ${point.machine} ${disk.name}: ${rebuilt.state}`);
            const mismatch = probe.mismatchAt(point.machine, diskIndexOf(disk.name), point.timeSec, rebuilt.image);
            if (mismatch !== null) expect.fail(`point ${point.id} (${point.kind}): ${mismatch}`);
          }
        }
      }
    });
  });

  it('stores no more physical bytes than the logical bytes it protects', () => {
    // Dedupe and compression only ever reduce: physical <= logical, per job total and per repository.
    check((c) => {
      const { run } = runCase(e, c);
      expect(run.result.bytes.stored).toBeLessThanOrEqual(run.result.bytes.logical);
      for (const r of run.result.repositories) expect(r.physicalBytes).toBeLessThanOrEqual(r.restorableLogicalBytes);
    });
  });
});

/** Disk names follow the convention `disk/<guest disk index>` (strategies/target-repository.ts). */
function diskIndexOf(name: string): number {
  const m = /^disk\/(\d+)$/.exec(name);
  if (m === null) expect.fail(`disk name ${name} does not follow disk/<index>`);
  return Number(m[1]);
}
