import { describe, expect, it } from 'vitest';
import { proxyImageDesign } from '../strategies/index.js';
import type { RestoreReport } from '../strategies/restore/index.js';
import { runWithRestores } from './support/restore-harness.js';
import { DAY, GIB, HOUR, RESTORE_WORKLOAD, restoreWorld, type RestoreWorldOptions } from './support/restore-worlds.js';

/** A database VM of a realistic size on a 1 GbE network of the period (2011): 38 GiB of data to bring back. */
const SQL_VM = {
  name: 'sql',
  diskBytes: [8 * GIB, 40 * GIB],
  guest: { appDataBytes: [0, 30 * GIB], applications: [{ kind: 'sql-server', diskIndex: 1 }] },
  workload: RESTORE_WORKLOAD,
} as const;

function irRun(o: Partial<RestoreWorldOptions>, drills: 'ir-only' | 'both' = 'both') {
  const spec = restoreWorld({ nicBytesPerSec: 125e6, vms: [SQL_VM], ...o });
  const at = DAY + 9 * HOUR;
  const ir = { kind: 'instant-recovery' as const, machine: 'sql', atSec: at };
  const vm = { kind: 'vm' as const, machine: 'sql', atSec: at + 4 * HOUR };
  const dedupe = o.target === 'dedupe-appliance' ? 'target' : 'none';
  const run = runWithRestores(spec, proxyImageDesign('image', { dedupe }), { endSec: 2 * DAY, workloads: true, drills: drills === 'both' ? [ir, vm] : [ir] });
  const of = (kind: string): RestoreReport => run.drills.reports.find((r) => r.drill.kind === kind)!;
  return { run, ir: of('instant-recovery'), vm: of('vm') };
}

const serviceSec = (r: RestoreReport): number => r.record.serviceSec - r.record.requestedSec;
const completeSec = (r: RestoreReport): number => r.record.completeSec - r.record.requestedSec;
/** Mean application I/O rate the VM got while it ran from its backup, bytes/s. */
const servedBytesPerSec = (r: RestoreReport): number => r.running!.ioDeliveredBytes / r.running!.ranSec;

describe('instant recovery', () => {
  it('restores service far sooner than a full restore of the same VM (claim 8)', () => {
    const { ir, vm } = irRun({ target: 'disk' });
    expect(ir.record.outcome).toEqual({ state: 'done', verified: true });
    expect(vm.record.outcome).toEqual({ state: 'done', verified: true });
    // Measured, not stated: mount + boot from the repository against moving 38 GiB over 1 GbE.
    expect(serviceSec(ir)).toBeLessThan(serviceSec(vm) / 4);
    // The move back to production is a whole restore's worth of reads, so it ends later than service.
    expect(completeSec(ir)).toBeGreaterThan(serviceSec(ir));
    expect(ir.bytesWritten).toBe(vm.bytesWritten);
  });

  it('runs the VM from the backup at once, its I/O served by the repository, before it moves back', () => {
    const { ir } = irRun({ target: 'disk' }, 'ir-only');
    expect(ir.running!.publishedSec - ir.record.requestedSec).toBe(10); // vSphere 4's mountSec
    expect(ir.record.serviceSec).toBe(ir.running!.bootedSec);
    expect(ir.running!.ioDeliveredBytes).toBeGreaterThan(0);
    expect(ir.resources).toContain('target/repo/bandwidth');
    expect(ir.resources).toContain('datastore/san/bandwidth'); // the move back writes production storage
    expect(ir.notes.some((n) => n.startsWith('published as nfs datastore'))).toBe(true);
  });

  it('serves the VM slower from a deduplicating appliance than from a disk repository', () => {
    const disk = irRun({ target: 'disk' }, 'ir-only').ir;
    const appliance = irRun({ target: 'dedupe-appliance' }, 'ir-only').ir;
    expect(appliance.record.outcome).toEqual({ state: 'done', verified: true });
    // Random reads rehydrate whole blocks on the appliance's CPU: the boot and the VM's I/O are slower.
    expect(serviceSec(appliance)).toBeGreaterThan(serviceSec(disk));
    expect(servedBytesPerSec(appliance)).toBeLessThan(0.75 * servedBytesPerSec(disk));
    expect(appliance.resources).toContain('target/repo/cpu');
  });

  it('is unsupported on a platform that cannot publish a backup as a datastore, and says why', () => {
    const { ir } = irRun({ platform: 'xenserver-7.3' }, 'ir-only');
    expect(ir.record.outcome.state).toBe('unsupported');
    expect(ir.record.outcome.state === 'unsupported' && ir.record.outcome.reason).toMatch(/cannot mount a backup as a datastore/);
    expect(ir.bytesWritten).toBe(0);
  });
});
