import { describe, expect, it } from 'vitest';
import { proxyImageDesign } from '../strategies/index.js';
import { runDesign } from '../strategies/run.js';
import { GIB, jobsOf, proxyWorld } from './support/proxy-worlds.js';

const vms = [{ name: 'app', diskBytes: [8 * GIB, 4 * GIB], guest: { appDataBytes: [0, 3 * GIB] } }];
const oneTaskProxy = [{ name: 'p0', kind: 'physical' as const, cores: 8, clockGhz: 2.5, taskSlots: 1, sanDatastores: ['san'] }];

describe('VCB against VADP (claim 6)', () => {
  it('makes VCB stage each disk in the proxy holding area, about the size of the snapshot, while VADP stages nothing', () => {
    const vcb = runDesign(proxyWorld({ platform: 'vsphere-3.5', vms, proxies: oneTaskProxy }), proxyImageDesign('vcb', {}), { seed: 2, days: 2 });
    const vadp = runDesign(proxyWorld({ platform: 'vsphere-4', vms, proxies: oneTaskProxy }), proxyImageDesign('vadp', {}), { seed: 2, days: 2 });
    const [firstVcb] = jobsOf(vcb.recorder.jobs, 'vm/app');
    const allocatedBytes = firstVcb!.bytesLogical;
    // One task at a time: the area holds one disk's copy at once, so its peak is the larger disk's allocated size.
    const largestDisk = Math.max(...vcb.world.machine('app').guest.disks.map((d) => d.nonZeroChunks().length * d.chunkSizeBytes));
    expect(vcb.result.holdingAreaPeakBytes.max).toBeGreaterThanOrEqual(0.95 * largestDisk);
    expect(vcb.result.holdingAreaPeakBytes.max).toBeLessThanOrEqual(1.05 * largestDisk);
    expect(vadp.result.holdingAreaPeakBytes.max).toBe(0);
    // VCB copies the whole snapshot every night; VADP with CBT reads only what changed after the first full.
    const [, vcbSecond] = jobsOf(vcb.recorder.jobs, 'vm/app');
    const [, vadpSecond] = jobsOf(vadp.recorder.jobs, 'vm/app');
    expect(vcbSecond!.bytesRead).toBeGreaterThanOrEqual(0.95 * allocatedBytes);
    expect(vadpSecond!.bytesRead).toBeLessThan(vcbSecond!.bytesRead / 5);
    expect(vcbSecond!.notes.some((n) => n.includes('holding-area'))).toBe(true);
  });

  it('fails a VCB job whose holding area cannot take the snapshot, and says so', () => {
    const run = runDesign(proxyWorld({ platform: 'vsphere-3.5', vms, proxies: oneTaskProxy }), proxyImageDesign('vcb-small', { holdingArea: { capacityBytes: 1 * GIB } }), { seed: 2, days: 1 });
    const [job] = jobsOf(run.recorder.jobs, 'vm/app');
    expect(job!.outcome.state).toBe('failed');
    expect(job!.notes.join(' ')).toMatch(/cannot hold a full copy/);
    expect(job!.restorePointId).toBeNull();
  });
});
