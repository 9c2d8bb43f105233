import { describe, expect, it } from 'vitest';
import { FrozenImage } from '../sim/disk/chunk-image.js';
import type { World } from '../sim/world/world.js';
import type { CdpJournal } from '../strategies/cdp/journal.js';
import { proxyImageDesign } from '../strategies/index.js';
import type { JournalSource, JournalView } from '../strategies/restore/index.js';
import { LARGEST_FILE } from '../strategies/restore/drill.js';
import { runWithRestores, withCapabilities } from './support/restore-harness.js';
import { DAY, GIB, HOUR, restoreWorld } from './support/restore-worlds.js';

// The CDP design's journal is what point-in-time restores read; this line fails
// to compile if its API drifts from what restores expect of it.
const _journalFits: (j: CdpJournal) => JournalView = (j) => j;
void _journalFits;

/**
 * A stand-in CDP journal (the CDP design is another part of the project):
 * every disk write as it happens, kept from `fromSec`, any instant in the
 * window rebuilt by replay.
 */
class StubJournals implements JournalSource {
  private readonly byMachine = new Map<string, JournalView>();

  constructor(world: World, fromSec: number) {
    for (const m of world.machines) {
      const base = m.guest.disks.map((d) => d.read(0, d.chunkCount));
      const log: { t: number; d: number; c: number; id: number }[] = [];
      m.guest.disks.forEach((disk, d) => disk.addListener({ onChunkWrite: (c, _old, id) => log.push({ t: world.sim.now, d, c, id }) }));
      const chunk = world.chunkSizeBytes;
      this.byMachine.set(m.path, {
        window: (now) => ({ fromSec, toSec: now }),
        imageAt: (t, now) => {
          if (t < fromSec || t > now) return { kind: 'outside-window', requestedSec: t, window: { fromSec, toSec: now } };
          const content = base.map((b) => b.slice());
          for (const w of log) if (w.t <= t) content[w.d]![w.c] = w.id;
          return { kind: 'image', requestedSec: t, pointSec: t, images: content.map((c) => new FrozenImage(c, chunk)) };
        },
      });
    }
  }

  journalOf(machinePath: string) {
    const journal = this.byMachine.get(machinePath);
    return journal === undefined ? undefined : { journal, targetName: 'repo' };
  }
}

const cdpLike = withCapabilities(proxyImageDesign('cdp-like', {}), { restores: ['vm', 'point-in-time'] });
const SPEC = restoreWorld({ vms: [{ name: 'db', diskBytes: [4 * GIB, 2 * GIB], guest: { appDataBytes: [0, 1 * GIB], applications: [{ kind: 'postgresql', diskIndex: 1 }] } }] });

describe('point-in-time restore (CDP, claim 3)', () => {
  it('restores the disks as they were at any instant in the journal window, not only at backup points', () => {
    const t = DAY + 9 * HOUR + 123.5;
    const run = runWithRestores(SPEC, cdpLike, {
      endSec: 2 * DAY,
      onWorld: (world) => ({ journals: new StubJournals(world, DAY) }),
      drills: [
        { kind: 'point-in-time', machine: 'db', atSec: DAY + 10 * HOUR, point: { atOrBeforeSec: t } },
        { kind: 'point-in-time', machine: 'db', atSec: DAY + 10 * HOUR, point: { atOrBeforeSec: DAY - HOUR } },
      ],
    });
    const [inside, before] = [0, 1].map((i) => run.drills.reports.find((r) => r.drill.index === i));
    expect(inside!.record.outcome).toEqual({ state: 'done', verified: true });
    expect(inside!.record.pointSec).toBe(t);
    expect(inside!.content!.againstWitness).toBe(true);
    expect(inside!.resources).toContain('target/repo/bandwidth');
    expect(before!.record.outcome.state).toBe('failed');
    expect(before!.record.outcome.state === 'failed' && before!.record.outcome.reason).toMatch(/^0d 23:00:00 is outside the journal of vm\/db: it holds 1d 00:00:00 to /);
  });

  it('restores a VM, a disk and a file of a design with a journal from the journal at its newest instant, not from an older backup point', () => {
    // cdp-like also takes nightly image backups (a point at 22:00 on day 0): a restore that
    // ignored the journal would bring that back, 12 hours stale, while the design's RPO is seconds.
    const atSec = DAY + 10 * HOUR;
    const design = withCapabilities(proxyImageDesign('cdp-like', {}), { restores: ['vm', 'disk', 'file', 'point-in-time'] });
    const run = runWithRestores(SPEC, design, {
      endSec: 2 * DAY,
      onWorld: (world) => ({ journals: new StubJournals(world, DAY) }),
      drills: [
        { kind: 'vm', machine: 'db', atSec },
        { kind: 'disk', machine: 'db', atSec, disk: 1 },
        { kind: 'file', machine: 'db', atSec, file: LARGEST_FILE },
        { kind: 'vm', machine: 'db', atSec, point: { atOrBeforeSec: DAY + 9 * HOUR } },
        { kind: 'vm', machine: 'db', atSec, point: { atOrBeforeSec: DAY - HOUR } },
      ],
    });
    const report = (i: number) => run.drills.reports.find((r) => r.drill.index === i)!;
    for (const i of [0, 1, 2]) {
      expect(report(i).record.outcome).toEqual({ state: 'done', verified: true });
      expect(report(i).record.pointSec).toBe(atSec);
      expect(report(i).content!.againstWitness).toBe(true);
      expect(report(i).notes).toContain('read from the journal of vm/db on repo');
      expect(report(i).resources).toContain('target/repo/bandwidth');
    }
    expect(report(1).bytesWritten).toBeLessThan(report(0).bytesWritten);
    expect(report(3).record.pointSec).toBe(DAY + 9 * HOUR);
    expect(report(4).record.outcome.state).toBe('failed');
    expect(report(4).record.outcome.state === 'failed' && report(4).record.outcome.reason).toMatch(/^0d 23:00:00 is outside the journal of vm\/db: it holds 1d 00:00:00 to /);
  });

  it('is unsupported for a design that keeps no journal', () => {
    const run = runWithRestores(SPEC, cdpLike, { endSec: DAY + 2 * HOUR, drills: [{ kind: 'point-in-time', machine: 'db', atSec: DAY }] });
    expect(run.drills.reports[0]!.record.outcome).toEqual({ state: 'unsupported', reason: 'cdp-like keeps no journal of vm/db to restore a point in time from' });
  });
});
