import { describe, expect, it } from 'vitest';
import { comparisonTable } from '../scenarios/cli/table.js';
import type { DesignRun } from '../strategies/run.js';
import { compileLibrary, design, runLibraryDesigns } from './support/library.js';

const sorted = (xs: readonly string[]): string[] => [...xs].sort();
const unprotected = (r: DesignRun): string[] => sorted(r.result.unprotected.map((u) => u.machine));
const reasonFor = (r: DesignRun, machine: string): string => r.result.unprotected.find((u) => u.machine === machine)!.reason;
/** Machines with at least one restore point at the end of the run. */
const withPoints = (r: DesignRun): string[] => sorted(r.result.recoveryPoints.machines.filter((m) => m.points > 0).map((m) => m.machine));
/** Machines whose tape copy was written, with the bytes that went to tape. */
const onTape = (r: DesignRun): string[] => sorted(r.recorder.jobs.filter((j) => j.kind === 'tape-copy' && j.outcome.state === 'done' && j.bytesSent > 0).map((j) => j.machine));

describe('scenarios/library/mixed-estate.yaml (claim 11)', () => {
  const runs = runLibraryDesigns(compileLibrary('mixed-estate'));
  const vadpOnly = design(runs, 'vadp-only');
  const image3 = design(runs, 'image-3-hypervisors');
  const agents = design(runs, 'agents-disk-only');
  const cdp = design(runs, 'cdp-splitter');
  // The machines of the estate by platform, read from the world the runs built.
  const machines = agents.world.machines;
  const on = (...versions: string[]): string[] => sorted(machines.filter((m) => versions.includes(m.platform.capabilities.version)).map((m) => m.path));
  const ALL = sorted(machines.map((m) => m.path));

  it('runs three hypervisors and physical servers side by side', () => {
    expect([on('vsphere-4').length, on('hyperv-2008r2').length, on('xenserver-5.6').length, on('physical').length]).toEqual([4, 2, 2, 2]);
  });

  it('leaves the Hyper-V and XenServer VMs of a VADP-only product unprotected, and says why', () => {
    // Measured (seed 1): 6 of 10 machines unprotected; the 4 vSphere VMs have 2 points each.
    expect(unprotected(vadpOnly)).toEqual(on('hyperv-2008r2', 'xenserver-5.6', 'physical'));
    for (const m of on('hyperv-2008r2', 'xenserver-5.6')) expect(reasonFor(vadpOnly, m)).toMatch(/^vadp-only has no image backup for (hyperv-2008r2|xenserver-5\.6) .*it supports vsphere-4$/);
    expect(withPoints(vadpOnly)).toEqual(on('vsphere-4'));
  });

  it('leaves the physical servers unprotected with image backup, whatever hypervisors it supports', () => {
    expect(unprotected(image3)).toEqual(on('physical'));
    for (const m of on('physical')) expect(reasonFor(image3, m)).toMatch(/no hypervisor\) has no image snapshot API: only an in-guest agent/);
    expect(withPoints(image3)).toEqual(on('vsphere-4', 'hyperv-2008r2', 'xenserver-5.6'));
  });

  it('leaves XenServer and the physical servers to a CDP splitter that lives in vSphere and Hyper-V', () => {
    expect(unprotected(cdp)).toEqual(on('xenserver-5.6', 'physical'));
    for (const m of on('xenserver-5.6')) expect(reasonFor(cdp, m)).toMatch(/no write splitter for xenserver-5\.6/);
    for (const m of on('physical')) expect(reasonFor(cdp, m)).toMatch(/splits writes in the hypervisor, and physical\/.* has none/);
    expect(withPoints(cdp)).toEqual(on('vsphere-4', 'hyperv-2008r2'));
  });

  it('protects every machine with agents for every platform, but a product without tape makes no tape copy', () => {
    expect(agents.result.unprotected).toEqual([]);
    expect(withPoints(agents)).toEqual(ALL);
    // All 10 copies are recorded as unsupported, with the reason, and nothing reaches tape.
    const copies = agents.result.failures.filter((f) => f.kind === 'tape-copy');
    expect(sorted(copies.map((f) => f.machine))).toEqual(ALL);
    for (const f of copies) expect(f).toMatchObject({ state: 'unsupported', reason: expect.stringMatching(/agents-disk-only cannot write to tape/) });
    expect(onTape(agents)).toEqual([]);
    expect(onTape(cdp)).toEqual([]);
    expect(cdp.result.failures.filter((f) => f.kind === 'tape-copy')).toHaveLength(on('vsphere-4', 'hyperv-2008r2').length);
    // `vmbsim run` says so under its comparison table, once per design and reason.
    const table = comparisonTable([image3.result, agents.result]);
    expect(table).toMatch(/^jobs the design cannot do +0 +10$/m);
    expect(table).toContain('agents-disk-only: 10 tape-copy job(s) it cannot do: agents-disk-only cannot write to tape (it writes disk, dedupe-appliance)');
  });

  it('copies to tape exactly the machines an image product protects', () => {
    expect(onTape(vadpOnly)).toEqual(withPoints(vadpOnly));
    expect(onTape(image3)).toEqual(withPoints(image3));
    expect(image3.result.failures).toEqual([]);
  });

  it('finds no single product here that protects every machine and puts it on tape', () => {
    // What each leaves out (unprotected, or protected but never copied to tape), measured:
    // vadp-only 6 machines, image-3-hypervisors 2 (the physical servers), agents 10, CDP 10.
    const leftOut = (r: DesignRun): string[] => ALL.filter((m) => !onTape(r).includes(m));
    const gaps = [vadpOnly, image3, agents, cdp].map((r) => leftOut(r).length);
    expect(gaps).toEqual([6, 2, 10, 10]);
    // The best of them leaves off exactly the physical servers, which only the agents protect.
    expect(leftOut(image3)).toEqual(on('physical'));
    expect(on('physical').every((m) => withPoints(agents).includes(m))).toBe(true);
  });
});
