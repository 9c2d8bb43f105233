import { describe, expect, it } from 'vitest';
import type { DesignResult } from '../strategies/results.js';
import { compileLibrary, design, runLibrary } from './support/library.js';

/** The sweep of scenarios/library/agent-contention.yaml: 2, 6 and 12 VMs on each of the two hosts. */
const COUNTS = [4, 12, 24] as const;

const hostCpuPeak = (r: DesignResult): number => Math.max(...r.impact.hosts.map((h) => h.cpuUtilisationPeak));

describe('scenarios/library/agent-contention.yaml (claim 1)', () => {
  it('sweeps the VMs per host it says it does', () => {
    expect(compileLibrary('agent-contention').vary).toEqual([{ key: 'fleets[0].count', values: [...COUNTS] }]);
  });

  it('slows the applications more as the VMs per host grow; with few VMs the agents are fine', () => {
    const [few, some, many] = COUNTS.map((n) => runLibrary('agent-contention', { 'fleets[0].count': n }));
    const p95 = (by: Record<string, DesignResult>, d: string): number => design(by, d).impact.duringBackup.latencyInflationP95;
    // Measured (seed 1): agents all at 22:00, p95 latency inflation of the applications during the
    // backup window 1.13 (2 VMs/host), 2.89 (6), 51.5 (12); host CPU peak 25%, 75%, 100%.
    // Every VM holds the same data: the extra slowdown is the agents fighting over the host.
    expect(p95(few!, 'agents-22h')).toBeLessThan(1.5);
    expect(p95(some!, 'agents-22h')).toBeGreaterThan(2 * p95(few!, 'agents-22h'));
    expect(p95(many!, 'agents-22h')).toBeGreaterThan(5 * p95(some!, 'agents-22h'));
    expect(hostCpuPeak(design(many!, 'agents-22h'))).toBeGreaterThan(2 * hostCpuPeak(design(few!, 'agents-22h')));
    // The guests' own CPU goes to the agents: the applications get about 3/4 of what they ask (0.74).
    expect(design(many!, 'agents-22h').impact.duringBackup.cpuDeliveredRatio).toBeLessThan(0.9);
    // Staggering the agents 5 min apart keeps the applications near normal (1.16 at 12/host)
    // but stretches the night to about 2 h (6988 s against 155 s).
    expect(p95(many!, 'agents-staggered')).toBeLessThan(p95(many!, 'agents-22h') / 10);
    expect(design(many!, 'agents-staggered').window.durationSec.max).toBeGreaterThan(10 * design(many!, 'agents-22h').window.durationSec.max);
    // The proxy reads the same disks from outside the guests: 1.24 at 12/host.
    expect(p95(many!, 'proxy-image')).toBeLessThan(p95(many!, 'agents-22h') / 10);
    // The same data is read whatever the VM count: only the slowdown changes.
    for (const by of [few!, some!, many!]) expect(design(by, 'agents-22h').bytes.read).toBeCloseTo(design(by, 'proxy-image').bytes.read, -6);
  });
});
