import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agentDesign } from '../strategies/agent/index.js';
import { proxyImageDesign } from '../strategies/index.js';
import type { ChainMode, DedupePlacement } from '../sim/repository/index.js';
import { corruptFile, findPoint, type RestoreDrill } from '../strategies/restore/index.js';
import { runWithRestores, withCapabilities } from './support/restore-harness.js';
import { DAY, GIB, HOUR, NIGHT_SEC, RESTORE_WORKLOAD, restoreWorld, type RestoreVm } from './support/restore-worlds.js';

const vmArb = fc.record({
  linux: fc.boolean(),
  dataGib: fc.option(fc.integer({ min: 1, max: 2 }), { nil: null }),
  app: fc.constantFrom('postgresql', 'sql-server', 'file-server'),
});

const caseArb = fc.record({
  vms: fc.array(vmArb, { minLength: 1, maxLength: 2 }),
  family: fc.constantFrom('proxy-image' as const, 'agent' as const),
  target: fc.constantFrom('disk' as const, 'dedupe-appliance' as const),
  dedupe: fc.constantFrom<DedupePlacement>('none', 'source', 'target'),
  chainMode: fc.constantFrom<ChainMode>('forward', 'forever-forward', 'reverse'),
  days: fc.integer({ min: 2, max: 4 }),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  drills: fc.array(
    fc.record({
      kind: fc.constantFrom('vm' as const, 'disk' as const, 'file' as const),
      machine: fc.nat(1),
      /** Hours after the first night's backup. */
      afterHours: fc.nat(200),
      /** Asks for an older point: this many hours before the drill. */
      olderByHours: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
      pick: fc.nat(1000),
    }),
    { minLength: 1, maxLength: 6 },
  ),
});

function vmsOf(vms: readonly { linux: boolean; dataGib: number | null; app: string }[]): RestoreVm[] {
  return vms.map((v, i) => ({
    name: `vm${i}`,
    diskBytes: v.dataGib === null ? [4 * GIB] : [4 * GIB, v.dataGib * GIB],
    guest: {
      template: v.linux ? 'rhel5' : 'win2003',
      ...(v.dataGib === null ? {} : { appDataBytes: [0, (v.dataGib * GIB) / 2], applications: [{ kind: v.linux && v.app === 'sql-server' ? 'postgresql' : v.app, diskIndex: 1 }] }),
    },
  }));
}

describe('restores return the protected data', () => {
  it('returns exactly the protected data at its recovery point, file by file and chunk by chunk, for every restore', () => {
    // The idea: whatever the design (image or agent), estate, chain mode, dedupe
    // placement, seed and drill times, a VM, disk or file restore writes back content equal, chunk
    // for chunk, to what the machine's disks held at the restore point's time,
    // as witnessed by a probe of every disk write that never looks at a backup.
    fc.assert(
      fc.property(caseArb, (c) => {
        const vms = vmsOf(c.vms);
        const spec = restoreWorld({ vms, target: c.target, changeBatchSec: 900 });
        const drills: RestoreDrill[] = c.drills.map((d) => {
          const vm = vms[d.machine % vms.length]!;
          // Between the first night's backup and an hour before the last day ends.
          const atSec = NIGHT_SEC + (1 + (d.afterHours % (24 * (c.days - 1)))) * HOUR;
          const base = { machine: vm.name, atSec, ...(d.olderByHours === null ? {} : { point: { atOrBeforeSec: Math.max(NIGHT_SEC + HOUR, atSec - d.olderByHours * HOUR) } }) };
          if (d.kind === 'disk') return { ...base, kind: 'disk', disk: d.pick % vm.diskBytes!.length };
          return { ...base, kind: d.kind };
        });
        const design = c.family === 'agent' ? agentDesign('agents', { dedupe: c.dedupe }) : proxyImageDesign('image', { dedupe: c.dedupe, chainMode: c.chainMode, retention: { keepPoints: 3 } });
        const run = runWithRestores(spec, design, { seed: c.seed, endSec: c.days * DAY + 6 * HOUR, drills: withFiles(drills, spec, c.drills.map((d) => d.pick)) });
        expect(run.drills.reports.length).toBe(drills.length);
        for (const r of run.drills.reports) {
          expect(r.record.outcome).toEqual({ state: 'done', verified: true });
          expect(r.content?.againstWitness).toBe(true);
          expect(r.content?.chunksDifferent).toBe(0);
          expect(r.content?.filesDifferent).toBe(0);
          expect(r.content!.chunksChecked).toBeGreaterThan(0);
          expect(r.record.pointSec).toBeLessThanOrEqual(r.record.requestedSec);
          if (r.drill.point !== 'latest') expect(r.record.pointSec).toBeLessThanOrEqual(r.drill.point.atOrBeforeSec);
        }
      }),
      { numRuns: 20 },
    );
  });

  it('restores a single file without restoring its VM, reading a small part of what a VM restore reads (claim 8)', () => {
    const spec = restoreWorld({ vms: [{ name: 'fs', diskBytes: [4 * GIB, 2 * GIB], guest: { appDataBytes: [0, 1 * GIB], applications: [{ kind: 'file-server', diskIndex: 1 }] } }] });
    const at = DAY + 9 * HOUR;
    const run = runWithRestores(spec, proxyImageDesign('image', {}), {
      endSec: 2 * DAY,
      drills: [
        { kind: 'file', machine: 'fs', atSec: at, file: 'D:\\data\\f00001' },
        { kind: 'vm', machine: 'fs', atSec: at + HOUR },
      ],
    });
    const [file, vm] = run.drills.reports;
    expect(file!.record.outcome).toEqual({ state: 'done', verified: true });
    expect(file!.content!.filesChecked).toBe(1);
    expect(file!.record.bytesRead).toBeLessThan(vm!.record.bytesRead / 20);
    expect(file!.record.completeSec - file!.record.requestedSec).toBeLessThan((vm!.record.completeSec - vm!.record.requestedSec) / 10);
  });

  it('reports a file restore as unsupported when the design restores whole VMs only', () => {
    const spec = restoreWorld({ vms: [{ name: 'fs' }] });
    const design = withCapabilities(proxyImageDesign('whole-vm', {}), { restores: ['vm'] });
    const run = runWithRestores(spec, design, { endSec: 2 * DAY, drills: [{ kind: 'file', machine: 'fs', atSec: DAY + HOUR, file: 'C:\\os\\f00001' }] });
    const [r] = run.drills.reports;
    expect(r!.record.outcome.state).toBe('unsupported');
    expect(r!.record.outcome.state === 'unsupported' && r!.record.outcome.reason).toMatch(/offers no file restore/);
    expect(r!.resources).toEqual([]);
  });

  it('fails a restore before the first backup, saying there is no restore point', () => {
    const run = runWithRestores(restoreWorld({ vms: [{ name: 'a' }] }), proxyImageDesign('image', {}), { endSec: DAY, drills: [{ kind: 'vm', machine: 'a', atSec: 3 * HOUR }] });
    const [r] = run.drills.reports;
    expect(r!.record.outcome).toEqual({ state: 'failed', reason: 'no restore point of vm/a at or before 0d 03:00:00' });
  });

  it('fails a file restore whose stored block rotted, naming the unreadable chunks', () => {
    const spec = restoreWorld({ vms: [{ name: 'a' }] });
    const path = 'C:\\os\\f00002';
    const run = runWithRestores(spec, proxyImageDesign('image', {}), {
      endSec: 2 * DAY,
      actions: [
        {
          atSec: DAY,
          run: (r) => {
            const found = findPoint(r.ctx, 'vm/a', DAY);
            if (!found.found) throw new Error('the first night made no point');
            expect(corruptFile(found.at.repo, found.at.point, r.world.machine('a'), path)).toBe(true);
          },
        },
      ],
      drills: [
        { kind: 'file', machine: 'a', atSec: DAY + HOUR, file: path },
        { kind: 'file', machine: 'a', atSec: DAY + HOUR, file: 'C:\\os\\f00040' },
      ],
    });
    const [bad, good] = run.drills.reports;
    expect(bad!.record.outcome.state).toBe('failed');
    expect(bad!.record.outcome.state === 'failed' && bad!.record.outcome.reason).toMatch(/chunk\(s\) unreadable/);
    expect(bad!.content!.unreadableChunks).toBeGreaterThan(0);
    expect(good!.record.outcome).toEqual({ state: 'done', verified: true });
  });

  it('gives the same restores, to the byte and the second, for the same seed', () => {
    const spec = restoreWorld({ vms: [{ name: 'a', workload: RESTORE_WORKLOAD }, { name: 'b' }] });
    const drills: RestoreDrill[] = [
      { kind: 'vm', machine: 'a', atSec: DAY + HOUR },
      { kind: 'instant-recovery', machine: 'b', atSec: DAY + HOUR },
      { kind: 'virtual-lab', machine: 'a', labMachines: ['b'], atSec: DAY + 2 * HOUR },
      { kind: 'verification', machine: 'a', atSec: DAY + 3 * HOUR },
    ];
    const once = () => JSON.stringify(runWithRestores(spec, proxyImageDesign('image', {}), { seed: 11, endSec: 2 * DAY, workloads: true, drills }).recorder.restores);
    expect(once()).toBe(once());
  });
});

/** File drills name a file of their machine, picked by `pick`. */
function withFiles(drills: RestoreDrill[], spec: ReturnType<typeof restoreWorld>, picks: readonly number[]): RestoreDrill[] {
  return drills.map((d, i) => {
    if (d.kind !== 'file') return d;
    const guest = spec.guests?.find((g) => g.machine === d.machine);
    const linux = guest?.template === 'rhel5';
    return { ...d, file: `${linux ? '/' : 'C:\\'}os${linux ? '/' : '\\'}f${String(picks[i]! % 20).padStart(5, '0')}` };
  });
}
