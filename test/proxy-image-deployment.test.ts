import { describe, expect, it } from 'vitest';
import { proxyImageDesign } from '../strategies/index.js';
import type { ProxyImageOptions } from '../strategies/proxy-image/options.js';
import { runDesign } from '../strategies/run.js';
import { GIB, jobsOf, proxyWorld } from './support/proxy-worlds.js';

const vms = [{ name: 'app', diskBytes: [8 * GIB, 4 * GIB], guest: { appDataBytes: [0, 3 * GIB] } }];
const physical = [{ name: 'p0', kind: 'physical' as const, cores: 8, clockGhz: 2.5, taskSlots: 4, sanDatastores: ['san'] }];
const appliance = [{ name: 'va0', kind: 'virtual-appliance' as const, host: 'h0', vcpus: 4, taskSlots: 4 }];

function firstJob(proxies: typeof physical | typeof appliance, options: ProxyImageOptions = {}) {
  const run = runDesign(proxyWorld({ vms, proxies }), proxyImageDesign('deploy', options), { seed: 6, days: 1 });
  return jobsOf(run.recorder.jobs, 'vm/app')[0]!;
}

describe('proxy deployment (DOMAIN.md: physical server or virtual appliance)', () => {
  it('reads through hot-add on a virtual appliance, whose work lands on the protected host', () => {
    const va = firstJob(appliance);
    const san = firstJob(physical);
    expect(va.notes.some((n) => n.includes('fell back'))).toBe(false);
    expect(san.notes.some((n) => n.includes('fell back'))).toBe(false);
    // The appliance's processing runs on its host's CPU; a SAN proxy leaves the host alone.
    expect(va.cpuCycles.host).toBeGreaterThan(va.bytesRead * 10);
    expect(san.cpuCycles.host).toBe(0);
    expect(san.cpuCycles.proxy).toBeGreaterThan(0);
  });

  it('falls back from a transport the proxy cannot use, and notes it', () => {
    const job = firstJob(physical, { transport: 'hot-add' });
    expect(job.notes.some((n) => /hot-add: proxy\/p0 is not a virtual appliance/.test(n))).toBe(true);
    expect(job.notes.some((n) => n.includes('fell back to'))).toBe(true);
    expect(job.restorePointId).not.toBeNull();
  });

  it('fails the job instead when fallback is off', () => {
    const job = firstJob(physical, { transport: 'hot-add', transportFallback: false });
    expect(job.outcome.state).toBe('failed');
    expect(job.restorePointId).toBeNull();
  });
});
