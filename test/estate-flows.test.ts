import { describe, expect, it } from 'vitest';
import type { Flow, FlowResult } from '../sim/flow/network.js';
import { storageHops } from '../sim/estate/index.js';
import { build, MB, oneHostSpec } from './support/estate-fixtures.js';

/** An estate whose host NIC is a 100 MB/s link and whose VM is idle, so flows on the NIC are alone. */
function linkEstate() {
  const spec = oneHostSpec();
  return build({ ...spec, hosts: [{ ...spec.hosts[0]!, nicBytesPerSec: 100 * MB }], vms: [{ ...spec.vms![0]!, workload: 'idle' }] });
}

function endOf(flow: Flow): number {
  return (flow.value as FlowResult).endSec;
}

describe('flows through estate resources', () => {
  it('n equal flows on one link all finish together at n * size / capacity', () => {
    const { sim, estate } = linkEstate();
    const nic = estate.host('esx-01').nic;
    const n = 5;
    const sizeBytes = 40 * MB;
    const flows = Array.from({ length: n }, (_, i) => sim.transfer({ name: `copy-${i}`, sizeBytes, route: [{ resource: nic }] }));
    sim.run();
    for (const f of flows) expect(endOf(f)).toBeCloseTo((n * sizeBytes) / (100 * MB), 12);
  });

  it('a flow that starts later shares the link from then on, and the finish times follow by hand', () => {
    // A (300 MB) runs alone for 1 s at 100 MB/s and has 200 MB left; B (100 MB)
    // arrives at t=1 and both get 50 MB/s, so B ends at t=3 with A at 100 MB
    // left, which A then moves alone at 100 MB/s: A ends at t=4.
    const { sim, estate } = linkEstate();
    const route = [{ resource: estate.host('esx-01').nic }];
    const a = sim.transfer({ name: 'a', sizeBytes: 300 * MB, route });
    let b: Flow | null = null;
    sim.process('late', (function* () {
      yield sim.wait(1);
      b = sim.transfer({ name: 'b', sizeBytes: 100 * MB, route });
      yield b;
    })());
    sim.run();
    expect(endOf(b!)).toBeCloseTo(3, 12);
    expect(endOf(a)).toBeCloseTo(4, 12);
  });

  it('a capped flow keeps to its cap and leaves the rest of the link to the others', () => {
    // Capped at 30 MB/s, A (60 MB) takes 2 s; B gets 70 MB/s meanwhile (140 of
    // its 280 MB), then the whole 100 MB/s for the last 140 MB: B ends at 3.4 s.
    const { sim, estate } = linkEstate();
    const route = [{ resource: estate.host('esx-01').nic }];
    const a = sim.transfer({ name: 'a', sizeBytes: 60 * MB, route, rateCapBytesPerSec: 30 * MB });
    const b = sim.transfer({ name: 'b', sizeBytes: 280 * MB, route });
    expect(a.rateBytesPerSec).toBeCloseTo(30 * MB, 6);
    expect(b.rateBytesPerSec).toBeCloseTo(70 * MB, 6);
    sim.run();
    expect(endOf(a)).toBeCloseTo(2, 12);
    expect(endOf(b)).toBeCloseTo(3.4, 12);
  });

  it('a datastore read in small I/Os is held by IOPS, not bandwidth', () => {
    // 5,000 IOPS of 4 KiB is 20.48 MB/s, far below the 500 MB/s of bandwidth.
    const { sim, estate } = linkEstate();
    const read = sim.transfer({ name: 'scan', sizeBytes: 204.8e6, route: storageHops(estate.datastore('local-01'), 4096) });
    expect(read.rateBytesPerSec).toBeCloseTo(5_000 * 4096, 6);
    sim.run();
    expect(endOf(read)).toBeCloseTo(204.8e6 / (5_000 * 4096), 12);
  });
});
