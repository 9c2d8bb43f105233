import { describe, expect, it } from 'vitest';
import { proxyImageDesign } from '../strategies/index.js';
import { runDesign } from '../strategies/run.js';
import { GIB, proxyWorld } from './support/proxy-worlds.js';

// Six VMs from the same OS template (DOMAIN.md: OS images of VMs are very similar).
const vms = Array.from({ length: 6 }, (_, i) => ({ name: `web${i}`, diskBytes: [6 * GIB] }));

function run(dedupe: 'source' | 'target' | 'none', targetKind: 'disk' | 'dedupe-appliance') {
  return runDesign(proxyWorld({ vms, targetKind }), proxyImageDesign(dedupe, { dedupe }), { seed: 11, days: 3 }).result;
}

describe('deduplication of image backups (claim 5)', () => {
  it('sends far fewer bytes with source dedupe than with target dedupe, for the same stored result', () => {
    const source = run('source', 'dedupe-appliance');
    const target = run('target', 'dedupe-appliance');
    expect(source.bytes.read).toBe(target.bytes.read);
    expect(source.bytes.sent).toBeLessThan(0.5 * target.bytes.sent);
    expect(Math.abs(source.bytes.stored - target.bytes.stored)).toBeLessThanOrEqual(0.01 * target.bytes.stored);
    // Where the work runs moves with it: hashing on the proxy, or dedupe on the appliance's CPU.
    expect(source.cpuCycles.target).toBeLessThan(target.cpuCycles.target);
  });

  it('stores VMs of one template several times smaller than their logical size', () => {
    const deduped = run('source', 'disk');
    const plain = run('none', 'disk');
    expect(deduped.dedupeRatio).toBeGreaterThan(3);
    expect(deduped.repositories[0]!.physicalBytes).toBeLessThan(plain.repositories[0]!.physicalBytes / 2);
  });
});
