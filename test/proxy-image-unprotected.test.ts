import { describe, expect, it } from 'vitest';
import { proxyImageDesign } from '../strategies/index.js';
import { runDesign } from '../strategies/run.js';
import { proxyWorld } from './support/proxy-worlds.js';

const vms = [{ name: 'web' }];

describe('what a proxy image design leaves unprotected (claim 11)', () => {
  it('leaves a physical server unprotected, with the reason its platform gives', () => {
    const run = runDesign(proxyWorld({ vms, physicalServers: true }), proxyImageDesign('vadp', {}), { seed: 1, days: 1 });
    expect(run.result.unprotected).toEqual([{ machine: 'physical/phys0', reason: expect.stringMatching(/no image snapshot API/) }]);
    expect(run.result.recoveryPoints.machines.map((m) => m.machine)).toEqual(['vm/web']);
    expect(run.result.recoveryPoints.total).toBe(1);
  });

  it('writes to a tape library only when named, and protects nothing when tape is all there is and none is named', () => {
    const named = runDesign(proxyWorld({ vms, targetKind: 'tape-library' }), proxyImageDesign('vadp', { target: 't0' }), { seed: 1, days: 1 });
    expect(named.result.unprotected).toEqual([]);
    expect(named.plan.pointsOn).toBe('tape');
    expect(named.result.recoveryPoints.total).toBe(1);
    const unnamed = runDesign(proxyWorld({ vms, targetKind: 'tape-library' }), proxyImageDesign('vadp', {}), { seed: 1, days: 1 });
    expect(unnamed.result.unprotected[0]!.reason).toMatch(/no disk repository or dedupe appliance/);
  });

  it('leaves the VMs of a hypervisor the product does not support unprotected, and declares only the platforms it supports', () => {
    const world = proxyWorld({ vms, platform: 'hyperv-2008r2' });
    const vadpOnly = runDesign(world, proxyImageDesign('vadp-only', { platforms: ['vsphere-4'] }), { seed: 1, days: 1 });
    expect(vadpOnly.result.unprotected).toEqual([{ machine: 'vm/web', reason: expect.stringMatching(/^vadp-only has no image backup for hyperv-2008r2 .*: it supports vsphere-4$/) }]);
    expect(vadpOnly.result.recoveryPoints.total).toBe(0);
    expect(vadpOnly.result.capabilities.platforms).toEqual(['vsphere-4']);
    const both = runDesign(world, proxyImageDesign('vadp-vss', { platforms: ['vsphere-4', 'hyperv-2008r2'] }), { seed: 1, days: 1 });
    expect(both.result.unprotected).toEqual([]);
    expect(both.result.recoveryPoints.total).toBe(1);
    expect(() => proxyImageDesign('bad', { platforms: ['hyperv-2008'] })).toThrow(/platforms must be one of/);
  });

  it('protects nothing without a backup proxy, and says why', () => {
    const run = runDesign(proxyWorld({ vms, proxies: [] }), proxyImageDesign('vadp', {}), { seed: 1, days: 1 });
    expect(run.result.unprotected[0]!.reason).toMatch(/no backup proxy/);
  });

  it('rejects options that make no sense before the run', () => {
    expect(() => proxyImageDesign('bad', { limits: { perDatastore: 0 } })).toThrow(/limits.perDatastore must be a whole number >= 1/);
    expect(() => proxyImageDesign('bad', { transport: 'carrier-pigeon' as never })).toThrow(/transport must be one of/);
    expect(() => runDesign(proxyWorld({ vms }), proxyImageDesign('bad', { target: 'nope' }), { seed: 1, days: 1 })).toThrow(/name a target/);
  });
});
