import { describe, expect, it } from 'vitest';
import type { World } from '../sim/world/world.js';
import { proxyImageDesign } from '../strategies/index.js';
import { runDesign } from '../strategies/run.js';
import { GIB, MIB, jobsOf, proxyWorld } from './support/proxy-worlds.js';

const CHUNK = 4 * MIB;
const DAYS = 4;

/** Remembers when each chunk of each disk of a VM was written, to count what really changed between two instants. */
function watchWrites(world: World, machine: string): { changedBytes(fromSec: number, toSec: number): number } {
  const writes: { t: number; disk: number; chunk: number }[] = [];
  world.machine(machine).guest.disks.forEach((d, disk) => d.addListener({ onChunkWrite: (chunk) => writes.push({ t: world.sim.now, disk, chunk }) }));
  return {
    changedBytes(fromSec, toSec) {
      const distinct = new Set(writes.filter((w) => w.t > fromSec && w.t < toSec).map((w) => `${w.disk}:${w.chunk}`));
      return distinct.size * CHUNK;
    },
  };
}

const vms = [{ name: 'app', diskBytes: [6 * GIB, 4 * GIB], guest: { appDataBytes: [0, 2 * GIB], applications: [{ kind: 'sql-server', diskIndex: 1 }] } }];

describe('changed block tracking in proxy image backups', () => {
  it('makes an incremental read exactly the chunks the guest changed since the last point', () => {
    let watch: ReturnType<typeof watchWrites> | undefined;
    const run = runDesign(proxyWorld({ vms }), proxyImageDesign('vadp-cbt', {}), { seed: 3, days: DAYS }, { onWorld: (w) => (watch = watchWrites(w, 'app')) });
    const jobs = jobsOf(run.recorder.jobs, 'vm/app');
    const incrementals = jobs.filter((j) => j.kind === 'incremental');
    expect(incrementals.length).toBe(DAYS - 1);
    for (const inc of incrementals) {
      const prev = jobs[jobs.indexOf(inc) - 1]!;
      const changed = watch!.changedBytes(prev.pointSec!, inc.pointSec!);
      expect(changed).toBeGreaterThan(0);
      expect(inc.bytesRead).toBe(changed);
      expect(inc.outcome.state).toBe('done');
    }
  });

  it('reads every allocated chunk each night without change tracking, many times what CBT reads', () => {
    const withCbt = runDesign(proxyWorld({ vms }), proxyImageDesign('cbt', {}), { seed: 3, days: DAYS });
    const without = runDesign(proxyWorld({ vms }), proxyImageDesign('no-cbt', { changeTracking: false }), { seed: 3, days: DAYS });
    const incCbt = jobsOf(withCbt.recorder.jobs, 'vm/app', 'incremental');
    const incFull = jobsOf(without.recorder.jobs, 'vm/app', 'incremental');
    const full = jobsOf(without.recorder.jobs, 'vm/app', 'full')[0]!;
    for (const j of incFull) {
      expect(j.bytesRead).toBeGreaterThanOrEqual(full.bytesRead);
      expect(j.notes).toContain('change tracking off (design option): full read');
    }
    const sum = (js: typeof incCbt): number => js.reduce((s, j) => s + j.bytesRead, 0);
    expect(sum(incFull)).toBeGreaterThan(5 * sum(incCbt));
    // The repository stores the same changes either way: only what crosses the proxy differs.
    expect(without.result.bytes.stored).toBeLessThan(1.05 * withCbt.result.bytes.stored);
  });

  it('falls back to a full read after a hard power-off resets CBT, and says why', () => {
    const run = runDesign(proxyWorld({ vms }), proxyImageDesign('vadp-cbt', {}), { seed: 3, days: 3 }, {
      onWorld: (w) => {
        const m = w.machine('app');
        w.sim.process('test/power-cut', (function* () {
          yield 100_000; // between the first and second nightly backups
          m.platform.powerEvent(m.platformVm, 'hard-power-off');
        })());
      },
    });
    const [full, afterReset, normal] = jobsOf(run.recorder.jobs, 'vm/app');
    expect(afterReset!.kind).toBe('incremental');
    expect(afterReset!.outcome.state).toBe('degraded');
    expect(afterReset!.notes.some((n) => n.includes('tracking-reset'))).toBe(true);
    expect(afterReset!.bytesRead).toBeGreaterThanOrEqual(full!.bytesRead);
    expect(normal!.outcome.state).toBe('done');
    expect(normal!.bytesRead).toBeLessThan(afterReset!.bytesRead / 5);
  });

  it('reads changed chunks on Hyper-V 2016 (RCT) and everything on Hyper-V 2008 R2, which has no tracking', () => {
    const read = (platform: string): { inc: number; full: number; notes: string[] } => {
      const run = runDesign(proxyWorld({ platform, vms }), proxyImageDesign(platform, {}), { seed: 5, days: 3 });
      const jobs = jobsOf(run.recorder.jobs, 'vm/app');
      return { full: jobs[0]!.bytesRead, inc: jobs[2]!.bytesRead, notes: jobs[2]!.notes };
    };
    const rct = read('hyperv-2016');
    const r2 = read('hyperv-2008r2');
    expect(rct.inc).toBeLessThan(rct.full / 5);
    expect(r2.inc).toBeGreaterThanOrEqual(r2.full);
    expect(r2.notes.some((n) => n.includes('no-change-tracking'))).toBe(true);
  });
});
