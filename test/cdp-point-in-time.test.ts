import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WorldSpec } from '../sim/world/index.js';
import { cdpDesign, type CdpDesign } from '../strategies/cdp/index.js';
import { GIB, HOUR, MIB, runDesign } from './support/guest-design-harness.js';

/** A Windows VM with SQL Server on a busy data disk, so bookmarks flush real work through the splitter. */
function sqlVm(changeBatchSec: number): WorldSpec {
  return {
    chunkSizeBytes: 4 * MIB,
    changeBatchSec,
    estate: {
      hosts: [{ name: 'esx-01' }],
      datastores: [{ name: 'san-01', kind: 'san', hosts: ['esx-01'] }],
      targets: [{ name: 'repo', kind: 'disk' }],
      vms: [{ name: 'sql-01', host: 'esx-01', disks: [{ datastore: 'san-01', sizeBytes: 4 * GIB }, { datastore: 'san-01', sizeBytes: 1 * GIB }], workload: 'idle' }],
    },
    guests: [
      {
        machine: 'sql-01',
        template: 'win2003',
        applications: [{ kind: 'sql-server', diskIndex: 1 }],
        appDataBytes: [0, 512 * MIB],
        change: [{ dailyChangeFraction: 0.2, profile: 'flat' }, { preset: 'database', dailyChangeFraction: 0.6, profile: 'flat' }],
      },
    ],
  };
}

interface Probe {
  sec: number;
  content: Uint32Array[];
}

/**
 * Runs continuous CDP and records every disk's content at probe times. A probe
 * waits until its time, then for the next write any disk takes, and records the
 * content `afterSec` later: so probes sit just after the disks changed, where a
 * journal replaying to the wrong instant would show.
 */
function runWithProbes(seed: number, changeBatchSec: number, retentionSec: number, endSec: number, probes: readonly { fromSec: number; afterSec: number }[]) {
  const design = cdpDesign('cdp', { journalRetentionSec: retentionSec }) as CdpDesign;
  const seen: Probe[] = [];
  const run = runDesign(sqlVm(changeBatchSec), design, {
    seed,
    endSec,
    before: ({ sim, world }) => {
      const disks = world.machine('sql-01').guest.disks;
      probes.forEach(({ fromSec, afterSec }, k) => {
        sim.process(`test/probe-${k}`, (function* () {
          yield fromSec - sim.now;
          const written = sim.signal('test/written');
          const listener = { onChunkWrite: () => (written.triggered ? undefined : written.fire(undefined)) };
          disks.forEach((d) => d.addListener(listener));
          yield written;
          disks.forEach((d) => d.removeListener(listener));
          yield afterSec;
          seen.push({ sec: sim.now, content: disks.map((d) => d.read(0, d.chunkCount)) });
        })());
      });
    },
  });
  return { run, journal: design.journal('vm/sql-01')!, probes: seen };
}

describe('any-point-in-time restore from the CDP journal', () => {
  it('rebuilds, for any time in the window, exactly what the disks held at that time', () => {
    // Idea: the journal replayed over its base must equal the live disks at every instant it
    // claims to cover, whatever the write batching, the retention (so folding) and the seed.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.constantFrom(5, 7, 30),
        fc.constantFrom(HOUR, 2 * HOUR),
        fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), after: fc.double({ min: 0.01, max: 0.99, noNaN: true }) }), { minLength: 3, maxLength: 10 }),
        (seed, batchSec, retentionSec, picks) => {
          const endSec = 3 * HOUR;
          // A third of the probes anywhere in the run, the rest in the last 90% of the retention (inside the
          // final window); each lands a fraction of a batch after a write, never on a write instant.
          const recentSec = 0.9 * retentionSec;
          const probeSpecs = picks.map((p, k) => ({
            fromSec: k % 3 === 0 ? p.at * (endSec - 600) : endSec - recentSec + p.at * (recentSec - 600),
            afterSec: 0.1 + p.after * (batchSec - 0.2),
          }));
          const { run, journal, probes } = runWithProbes(seed, batchSec, retentionSec, endSec, probeSpecs);
          const window = journal.window(run.sim.now)!;
          let checked = 0;
          for (const p of probes) {
            const got = journal.imageAt(p.sec, run.sim.now);
            const inside = p.sec >= window.fromSec && p.sec <= window.toSec;
            expect(got.kind).toBe(inside ? 'image' : 'outside-window');
            if (got.kind !== 'image') continue;
            checked++;
            got.images.forEach((image, d) => expect(image.read(0, image.chunkCount)).toEqual(p.content[d]));
          }
          // The window spans the retention (less the batch in flight), and the disks did change in it.
          expect(window.toSec - window.fromSec).toBeGreaterThan(retentionSec - 2 * batchSec);
          expect(journal.shipments().length).toBeGreaterThan(10);
          expect(checked).toBeGreaterThan(0);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('keeps application-consistent bookmarks where VSS reaches the application', () => {
    const { run, journal } = runWithProbes(3, 5, 4 * HOUR, 2 * HOUR, []);
    const marks = journal.bookmarks(run.sim.now);
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.every((b) => b.consistency === 'application-consistent')).toBe(true);
    // What a restore does with a bookmark: rebuild its image from the journal and judge it with the capture kept with it.
    const guest = run.world.machine('sql-01').guest;
    for (const b of marks) {
      const got = journal.imageAtBookmark(b, run.sim.now);
      if (got.kind !== 'image') throw new Error('a listed bookmark must be restorable');
      const verdict = guest.classify(got.images, b.capture);
      expect(verdict.overall).toBe('application-consistent');
    }
  });

  it('refuses a time outside the window as an outcome, not an error', () => {
    const { run, journal } = runWithProbes(4, 5, HOUR, 3 * HOUR, []);
    const got = journal.imageAt(10, run.sim.now);
    expect(got.kind).toBe('outside-window');
    if (got.kind === 'outside-window') expect(got.window!.fromSec).toBeGreaterThan(10);
  });
});
