import { describe, expect, it } from 'vitest';
import { agentDesign } from '../strategies/agent/index.js';
import { proxyImageDesign } from '../strategies/index.js';
import type { JobRecord } from '../strategies/recorder.js';
import { corruptChunk, findPoint, validateTapeCopies, type TapeCopySpec } from '../strategies/restore/index.js';
import { TAPE_MECHANICS } from '../sim/estate/index.js';
import { buildWorld } from '../sim/world/index.js';
import { Simulation } from '../sim/engine/simulation.js';
import { runWithRestores, withCapabilities, type RestoreRunOptions } from './support/restore-harness.js';
import { DAY, GIB, HOUR, MB, restoreWorld, type RestoreWorldOptions } from './support/restore-worlds.js';

/** Two VMs of one OS template: the repository stores their common blocks once. */
const TWINS = [
  { name: 'a', diskBytes: [4 * GIB, 2 * GIB], guest: { appDataBytes: [0, 1 * GIB] } },
  { name: 'b', diskBytes: [4 * GIB, 2 * GIB], guest: { appDataBytes: [0, 1 * GIB] } },
];

const COPY: TapeCopySpec = { library: 'lto', atSec: DAY + 2 * HOUR };

/** The proxy design as a product that also writes tape (most image products of 2011 did not all do so). */
const tapeDesign = (dedupe: 'source' | 'target') => withCapabilities(proxyImageDesign('image', { dedupe }), { targets: ['disk', 'dedupe-appliance', 'tape'] });

function tapeRun(world: Partial<RestoreWorldOptions>, o: Partial<RestoreRunOptions> = {}) {
  const spec = restoreWorld({ vms: TWINS, tape: { generation: 'LTO-5' }, ...world });
  return runWithRestores(spec, tapeDesign(world.target === 'dedupe-appliance' ? 'target' : 'source'), { endSec: 2 * DAY, tapeCopies: [COPY], ...o });
}

const copies = (jobs: readonly JobRecord[]): JobRecord[] => jobs.filter((j) => j.kind === 'tape-copy');
const backhitchesOf = (j: JobRecord): number => Number(/(\d+) backhitch/.exec(j.notes.join(' '))?.[1] ?? NaN);

describe('disk-to-disk-to-tape copies', () => {
  it('writes every block of each point to tape, compressed but never deduplicated', () => {
    const run = tapeRun({ target: 'disk' });
    const jobs = copies(run.recorder.jobs);
    expect(jobs.map((j) => [j.machine, j.outcome.state])).toEqual([
      ['vm/a', 'done'],
      ['vm/b', 'done'],
    ]);
    const repo = run.repositories.get('repo')!.repository;
    for (const [i, j] of jobs.entries()) {
      const entry = run.tape.catalog.entries()[i]!;
      expect(entry.machine).toBe(j.machine);
      expect(j.bytesStored).toBeCloseTo(repo.readLocality(entry.sourcePointId!)!.physicalBytes, 0);
      expect(j.bytesStored).toBeLessThan(j.bytesLogical); // compressed, about 2x
    }
    // The twins share their OS blocks on disk; on tape each carries its own copy.
    const onTape = jobs.reduce((sum, j) => sum + j.bytesStored, 0);
    expect(onTape).toBeGreaterThan(1.3 * repo.stats().physicalBytes);
    expect(run.tape.catalog.entries().length).toBe(2);
  });

  it('streams when fed fast, and backhitches (shoe-shines) when fed below the drive minimum speed', () => {
    // LTO-5 streams at 140 MB/s and cannot slow below 47 MB/s. A disk repository
    // feeds it at full speed; a one-core appliance rehydrating at 80 cycles/byte
    // feeds about 31 MB/s.
    const fast = copies(tapeRun({ target: 'disk' }).recorder.jobs);
    const slow = copies(tapeRun({ target: 'dedupe-appliance', applianceCores: 1 }).recorder.jobs);
    for (const j of fast) expect(backhitchesOf(j)).toBe(0);
    for (const j of slow) expect(backhitchesOf(j)).toBeGreaterThan(0);
    const rate = (j: JobRecord) => j.bytesStored / (j.endSec - j.startSec);
    expect(rate(slow[1]!)).toBeLessThan(47 * MB);
    expect(rate(fast[1]!)).toBeGreaterThan(100 * MB);
  });

  it('says so when the design cannot write to tape, before and during the run (claim 11)', () => {
    const spec = restoreWorld({ vms: TWINS, tape: {} });
    const design = agentDesign('disk-only', {});
    const world = buildWorld(new Simulation({ seed: 1 }), spec);
    expect(validateTapeCopies(world, design, [COPY])).toEqual([{ index: 0, state: 'unsupported', reason: 'disk-only cannot write to tape (it writes disk, dedupe-appliance)' }]);
    const run = runWithRestores(spec, design, { endSec: 2 * DAY, tapeCopies: [COPY] });
    const jobs = copies(run.recorder.jobs);
    expect(jobs).toHaveLength(2);
    for (const j of jobs) expect(j.outcome).toEqual({ state: 'unsupported', reason: 'disk-only cannot write to tape (it writes disk, dedupe-appliance)' });
  });

  it('restores a VM from its tape copy, paying load, locate and rewind, even after the disk copy rotted', () => {
    const run = tapeRun(
      { target: 'disk' },
      {
        actions: [
          {
            atSec: DAY + 4 * HOUR,
            run: (r) => {
              const found = findPoint(r.ctx, 'vm/a', DAY + 4 * HOUR);
              if (!found.found) throw new Error('no point');
              expect(corruptChunk(found.at.repo, found.at.point, 0, 0)).toBe(true);
            },
          },
        ],
        drills: [
          { kind: 'vm', machine: 'a', atSec: DAY + 5 * HOUR, from: 'tape' },
          { kind: 'vm', machine: 'a', atSec: DAY + 5 * HOUR },
        ],
      },
    );
    const tape = run.drills.reports.find((r) => r.drill.from === 'tape')!;
    const disk = run.drills.reports.find((r) => r.drill.from === 'repository')!;
    expect(tape.record.outcome).toEqual({ state: 'done', verified: true });
    expect(tape.source).toBe('lto');
    expect(tape.record.completeSec - tape.record.requestedSec).toBeGreaterThan(TAPE_MECHANICS.loadSec + TAPE_MECHANICS.locateSec + TAPE_MECHANICS.rewindSec);
    expect(disk.record.outcome.state).toBe('failed');
  });

  it('reports a tape restore as unsupported for a design that cannot write tape', () => {
    const run = runWithRestores(restoreWorld({ vms: TWINS, tape: {} }), agentDesign('disk-only', {}), { endSec: 2 * DAY, drills: [{ kind: 'vm', machine: 'a', atSec: DAY + HOUR, from: 'tape' }] });
    const [r] = run.drills.reports;
    expect(r!.record.outcome).toEqual({ state: 'unsupported', reason: 'disk-only cannot write to tape, so it holds no tape copy to restore from' });
  });
});
