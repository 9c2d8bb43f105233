import { describe, expect, it } from 'vitest';
import type { DesignRun } from '../strategies/run.js';
import { compileLibrary, design, runLibraryDesigns } from './support/library.js';

/** The sweep of scenarios/library/vdi-dedupe.yaml: session hosts in the one-template farm. */
const FARM_SIZES = [6, 24, 48] as const;

/** Logical bytes of the first night's fulls of the machines whose names start with one of `prefixes`, per new byte they stored. */
function firstFullRatio(run: DesignRun, prefixes: readonly string[]): number {
  const fulls = run.recorder.jobs.filter((j) => j.kind === 'full' && prefixes.some((p) => j.machine.startsWith(`vm/${p}`)));
  const logical = fulls.reduce((s, j) => s + j.bytesLogical, 0);
  const stored = fulls.reduce((s, j) => s + j.bytesStored, 0);
  return logical / stored;
}

const relativeGap = (a: number, b: number): number => Math.abs(a - b) / Math.max(a, b);

describe('scenarios/library/vdi-dedupe.yaml (claim 5)', () => {
  const runs = runLibraryDesigns(compileLibrary('vdi-dedupe'));
  const source = design(runs, 'source-dedupe').result;
  const target = design(runs, 'target-dedupe').result;
  const none = design(runs, 'no-dedupe').result;
  // The smallest farm: 6 session hosts beside the 6 mixed servers.
  const small = runLibraryDesigns(compileLibrary('vdi-dedupe', { 'fleets[0].count': FARM_SIZES[0] }), ['source-dedupe', 'target-dedupe']);

  it('sweeps the size of the one-template farm it says it does', () => {
    expect(compileLibrary('vdi-dedupe').vary).toEqual([{ key: 'fleets[0].count', values: [...FARM_SIZES] }]);
  });

  it('sends far fewer bytes over the network with source dedupe than with target dedupe, for the same stored result', () => {
    // Measured (seed 1), 30 VMs over three nights: both designs read 407 GB from the SAN and
    // store 52.2 GB on the appliance; source dedupe sends 73 GB over the proxy's 1 GbE link,
    // target dedupe sends all 407 GB and leaves the appliance to throw most of it away.
    // (The guests keep writing while the windows of different lengths run, hence a few chunks' difference.)
    expect(relativeGap(source.bytes.read, target.bytes.read)).toBeLessThan(0.001);
    expect(relativeGap(source.bytes.stored, target.bytes.stored)).toBeLessThan(0.001);
    expect(source.bytes.sent).toBeLessThan(target.bytes.sent / 5);
    expect(target.bytes.sent).toBe(target.bytes.read);
    // Shipping every byte makes the first full night twice as long: 3211 s against 1672 s.
    expect(target.window.durationSec.max).toBeGreaterThan(1.5 * source.window.durationSec.max);
    // The dedupe work moves with the placement: 2.9e12 cycles on the appliance with source
    // dedupe, 1.6e13 with target dedupe.
    expect(source.cpuCycles.target).toBeLessThan(target.cpuCycles.target / 3);
  });

  it('stores the estate several times smaller with dedupe than without', () => {
    // Measured: dedupe ratio 22.7 either way against 5.8 without dedupe (compression and
    // changed-block incrementals alone); 52 GB stored against 204 GB.
    expect(relativeGap(source.dedupeRatio, target.dedupeRatio)).toBeLessThan(0.001);
    expect(source.dedupeRatio).toBeGreaterThan(3 * none.dedupeRatio);
    expect(source.bytes.stored).toBeLessThan(none.bytes.stored / 3);
  });

  it('dedupes the VMs of one template far more than servers of mixed operating systems', () => {
    const MIXED = ['fs-', 'web-', 'erp-'];
    // Measured on the first full night with source dedupe, 6 session hosts beside 6 mixed servers
    // (three OSes, each twice), every VM with 2 GiB of its own data: the session hosts store 1 byte
    // for every 6.7 they hold, the mixed servers 1 for every 2.9. With 24 session hosts: 10.4.
    const smallSource = design(small, 'source-dedupe');
    expect(firstFullRatio(smallSource, ['rds-'])).toBeGreaterThan(2 * firstFullRatio(smallSource, MIXED));
    expect(firstFullRatio(design(runs, 'source-dedupe'), ['rds-'])).toBeGreaterThan(3 * firstFullRatio(design(runs, 'source-dedupe'), MIXED));
  });

  it('dedupes the farm better the more VMs share its template, while source dedupe keeps the network traffic low', () => {
    // Measured: dedupe ratio of the whole estate 13.8 with 6 session hosts, 22.7 with 24 (26.4 with 48).
    expect(source.dedupeRatio).toBeGreaterThan(1.4 * design(small, 'source-dedupe').result.dedupeRatio);
    // Bytes sent over three nights with source dedupe 46 and 73 GB; with target dedupe 128 and
    // 407 GB: the 18 extra session hosts cost the network 27 GB against 279 GB.
    const extraSent = (r: typeof source, d: string): number => r.bytes.sent - design(small, d).result.bytes.sent;
    expect(extraSent(source, 'source-dedupe')).toBeLessThan(extraSent(target, 'target-dedupe') / 5);
  });
});
