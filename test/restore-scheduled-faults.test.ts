import { describe, expect, it } from 'vitest';
import { ConfigError } from '../sim/engine/errors.js';
import { proxyImageDesign } from '../strategies/index.js';
import type { FaultSpec, RestoreDrill } from '../strategies/restore/index.js';
import { runDesign } from '../strategies/run.js';
import { DAY, GIB, HOUR, restoreWorld, type RestoreVm } from './support/restore-worlds.js';

/** Two VMs of one OS template: with source dedupe their OS chunks are stored once. */
const TWINS: RestoreVm[] = [
  { name: 'a', diskBytes: [4 * GIB, 2 * GIB], guest: { appDataBytes: [0, 1 * GIB] } },
  { name: 'b', diskBytes: [4 * GIB, 2 * GIB], guest: { appDataBytes: [0, 1 * GIB] } },
];
const MORNING = DAY + 6 * HOUR;

function run(faults: readonly FaultSpec[], drills: readonly RestoreDrill[] = []) {
  return runDesign(restoreWorld({ vms: TWINS }), proxyImageDesign('image', { dedupe: 'source' }), { seed: 1, days: 2, faults, drills });
}

describe('faults a scenario schedules (bit rot on the repository)', () => {
  it('records why a fault hit nothing: no point yet, no such disk, a chunk past the end or one of zeros', () => {
    const r = run([
      { kind: 'corrupt-block', machine: 'a', atSec: HOUR },
      { kind: 'corrupt-block', machine: 'a', atSec: MORNING, disk: 5 },
      { kind: 'corrupt-block', machine: 'a', atSec: MORNING, disk: 1, chunk: 1_000_000 },
      { kind: 'corrupt-block', machine: 'a', atSec: MORNING, disk: 1, chunk: 511 },
    ]).result;
    expect(r.faults!.map((f) => [f.state, f.detail])).toEqual([
      ['missed', 'no restore point of vm/a at or before 0d 01:00:00'],
      ['missed', 'vm/a has no disk 5 (it has 2)'],
      ['missed', expect.stringMatching(/^disk 1 of vm\/a has \d+ chunks, not 1000001$/)],
      ['missed', 'chunk 511 of disk 1 is in a block of zeros: nothing stored to corrupt'],
    ]);
    expect(r.faults![0]!.pointSec).toBeNull();
    expect(r.faults![1]!.target).toBe('repo');
  });

  it('damages every point that shares the rotten block, which verification and restores then see', () => {
    // Chunk 0 of the OS disk is template content both twins hold: stored once, it rots for both.
    const drills: RestoreDrill[] = [
      { kind: 'verification', machine: 'b', atSec: MORNING + HOUR },
      { kind: 'vm', machine: 'b', atSec: MORNING + 2 * HOUR },
    ];
    const hit = run([{ kind: 'corrupt-block', machine: 'a', atSec: MORNING, disk: 0 }], drills);
    const clean = run([], drills);
    expect(hit.result.faults).toEqual([expect.objectContaining({ machine: 'vm/a', state: 'applied', target: 'repo', detail: expect.stringMatching(/^stored block of chunk 0 of disk 0 at point \d+ corrupted$/) })]);
    const outcomes = (x: typeof hit) => x.recorder.restores.map((r) => [r.kind, r.outcome.state]);
    expect(outcomes(clean)).toEqual([['verification', 'done'], ['vm', 'done']]);
    expect(outcomes(hit)).toEqual([['verification', 'failed'], ['vm', 'failed']]);
    expect(hit.recorder.restores[0]!.outcome).toMatchObject({ reason: expect.stringMatching(/backup file validation: \d+ chunk\(s\) unreadable/) });
    // Nothing else changed: the same jobs, the same points.
    expect(hit.result.recoveryPoints).toEqual(clean.result.recoveryPoints);
    expect(clean.result.faults).toBeUndefined();
  });

  it('refuses a malformed fault before the run', () => {
    expect(() => run([{ kind: 'corrupt-block', machine: 'a', atSec: MORNING, file: 'x', chunk: 3 }])).toThrow(ConfigError);
    expect(() => run([{ kind: 'corrupt-block', machine: 'a', atSec: -1 }])).toThrow(/atSec/);
  });
});
