import { describe, expect, it } from 'vitest';
import { MAX_HELD_REFERENCES } from '../sim/platform/held-changes.js';
import type { World } from '../sim/world/world.js';
import { proxyImageDesign } from '../strategies/index.js';
import { runDesign } from '../strategies/run.js';
import { GIB, MIB, jobsOf, proxyWorld } from './support/proxy-worlds.js';

const CHUNK = 4 * MIB;
const DAYS = 4;

/** Remembers when each chunk of each disk was written, to count what really changed between two instants. */
function watchWrites(world: World, machine: string): { changedBytes(fromSec: number, toSec: number): number } {
  const writes: { t: number; disk: number; chunk: number }[] = [];
  world.machine(machine).guest.disks.forEach((d, disk) => d.addListener({ onChunkWrite: (chunk) => writes.push({ t: world.sim.now, disk, chunk }) }));
  return {
    changedBytes(fromSec, toSec) {
      return new Set(writes.filter((w) => w.t > fromSec && w.t < toSec).map((w) => `${w.disk}:${w.chunk}`)).size * CHUNK;
    },
  };
}

const vms = [
  {
    name: 'app',
    diskBytes: [6 * GIB, 4 * GIB],
    guest: { appDataBytes: [0, 2 * GIB], applications: [{ kind: 'sql-server', diskIndex: 1 }], tools: 'hyperv-integration-services', changeTracking: 'vss-shadow-copy' },
  },
] as const;

function r2World(hardwareSnapshots = false) {
  return proxyWorld({ platform: 'hyperv-2008r2', vms: vms as never, hardwareSnapshots });
}

describe('Hyper-V 2008 R2 incrementals from the retained VSS shadow copy', () => {
  // The idea: the platform asks the kept shadow copy what changed before the
  // new one replaces it, so an incremental reads exactly the chunks the guest
  // changed between the two snapshot instants, nothing more and nothing less.
  it.each([
    ['software (copy-on-write) snapshots', false],
    ['array snapshots (two marks at one quiesce)', true],
  ])('reads exactly the changed chunks with %s', (_label, hardware) => {
    let watch: ReturnType<typeof watchWrites> | undefined;
    const options = hardware ? { snapshot: 'array' as const, transport: 'off-host' as const } : {};
    const run = runDesign(r2World(hardware), proxyImageDesign('vss', options), { seed: 3, days: DAYS }, { onWorld: (w) => (watch = watchWrites(w, 'app')) });
    const jobs = jobsOf(run.recorder.jobs, 'vm/app');
    const incrementals = jobs.filter((j) => j.kind === 'incremental');
    expect(incrementals.length).toBe(DAYS - 1);
    const full = jobs[0]!;
    for (const inc of incrementals) {
      const prev = jobs[jobs.indexOf(inc) - 1]!;
      const changed = watch!.changedBytes(prev.pointSec!, inc.pointSec!);
      expect(changed).toBeGreaterThan(0);
      expect(inc.bytesRead).toBe(changed);
      expect(inc.bytesRead).toBeLessThan(full.bytesRead / 5);
      expect(inc.outcome.state).toBe('done');
      expect(inc.notes.some((n) => n.includes('full read instead of incremental'))).toBe(false);
    }
  });

  it('reads everything, and says why, once more snapshots replaced the shadow copy than the platform holds answers for', () => {
    // Snapshots the design never sees (another tool's) replace the shadow
    // copy of its last point; past MAX_HELD_REFERENCES the platform no longer
    // knows what changed since it and must not pretend it does.
    const run = runDesign(r2World(), proxyImageDesign('vss', {}), { seed: 3, days: 3 }, {
      onWorld: (w) => {
        const m = w.machine('app');
        const vm = m.platformVm;
        w.sim.process('test/extra-snapshots', (function* () {
          yield 100_000; // between the first and second nights
          for (let k = 0; k <= MAX_HELD_REFERENCES; k++) {
            const s = yield* m.platform.createSnapshot(vm, {});
            if (s.kind === 'created') yield* m.platform.deleteSnapshot(s.snapshot);
          }
        })());
      },
    });
    const [, afterExtra, normal] = jobsOf(run.recorder.jobs, 'vm/app');
    expect(afterExtra!.outcome.state).toBe('degraded');
    expect(afterExtra!.notes.some((n) => n.includes('reference-deleted'))).toBe(true);
    expect(normal!.outcome.state).toBe('done');
    expect(normal!.bytesRead).toBeLessThan(afterExtra!.bytesRead / 5);
  });
});
