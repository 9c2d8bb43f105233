import { describe, expect, it } from 'vitest';
import { joinHops, PROXY_CYCLES_PER_BYTE, type EstateSpec, type ProxySpec, type Transport } from '../sim/estate/index.js';
import { ImpactMonitor, startWorkloads } from '../sim/workload/index.js';
import { build, GB, MB, oneHostSpec } from './support/estate-fixtures.js';

/**
 * One 4-core host with a VM, a fast datastore, and a 2-core proxy that is
 * either a virtual appliance on that host or a physical server. A full backup
 * stream (read + 25 cycles/byte of processing) runs from t=0 to t=100.
 */
function backupOnHost(proxy: ProxySpec, transport: Transport) {
  const base = oneHostSpec();
  const spec: EstateSpec = {
    ...base,
    datastores: [{ ...base.datastores[0]!, bandwidthBytesPerSec: 2 * GB, iops: 50_000 }],
    proxies: [proxy],
  };
  const { sim, estate } = build(spec);
  const workloads = startWorkloads(sim, estate);
  const impact = new ImpactMonitor(sim, estate, workloads);
  const vm = estate.vm('app-01');
  const p = estate.proxy('p');
  const read = estate.diskReadPath(vm, vm.disks[0]!, p, transport, 1024 * 1024);
  if (!read.ok) throw new Error(read.reason);
  const stream = sim.transfer({ name: 'backup', sizeBytes: Infinity, route: joinHops(read.hops, p.processingHops('full')) });
  sim.run({ untilSec: 100 });
  const hostCpu = estate.host('esx-01').cpu;
  return { stream, hostCpu, vm: impact.report()[0]!, host: impact.hostReport()[0]! };
}

describe('backup proxies', () => {
  it('a virtual-appliance proxy consumes its host CPU, so a VM on that host sees higher utilisation and latency than with a physical proxy', () => {
    const va = backupOnHost({ name: 'p', kind: 'virtual-appliance', host: 'esx-01', vcpus: 2 }, 'hot-add');
    const phys = backupOnHost({ name: 'p', kind: 'physical', cores: 2, clockGhz: 2.5 }, 'network');
    // Both proxies have 2 cores at 2.5 GHz: 5e9 cycles/s / 25 cycles per byte = 200 MB/s.
    expect(PROXY_CYCLES_PER_BYTE.full).toBe(25);
    expect(va.stream.rateBytesPerSec).toBeCloseTo(200 * MB, 3);
    expect(phys.stream.rateBytesPerSec).toBeCloseTo(200 * MB, 3);
    // The appliance's 5e9 cycles/s land on the host's 1e10: half of it.
    expect(va.host.cpuUtilisation.mean - phys.host.cpuUtilisation.mean).toBeCloseTo(0.5, 6);
    expect(va.vm.latencyInflation.mean).toBeGreaterThan(phys.vm.latencyInflation.mean);
    // The gap is exactly the CPU stage's M/M/1 term: 0.05 ms / (1 - rho), over the 0.55 ms base.
    const rhoVa = va.hostCpu.utilisation;
    const rhoPhys = phys.hostCpu.utilisation;
    const expectedGap = (0.05 / (1 - rhoVa) - 0.05 / (1 - rhoPhys)) / 0.55;
    expect(va.vm.latencyInflation.mean - phys.vm.latencyInflation.mean).toBeCloseTo(expectedGap, 9);
    // The VM still gets all it asks for: the slowdown is latency, not throughput.
    expect(va.vm.io.deliveredRatio).toBeCloseTo(1, 12);
  });

  it('gets one task slot per core by default and no more tasks than its memory holds', () => {
    const { estate } = build({
      ...oneHostSpec(),
      proxies: [
        { name: 'big', kind: 'physical', cores: 8 },
        { name: 'lean', kind: 'physical', cores: 8, memoryGib: 6 },
        { name: 'va', kind: 'virtual-appliance', host: 'esx-01', vcpus: 2 },
      ],
    });
    expect(estate.proxy('big').taskSlots).toBe(8);
    expect(estate.proxy('lean').taskSlots).toBe(3);
    expect(estate.proxy('va').taskSlots).toBe(2);
    expect(estate.proxy('va').slots.capacity).toBe(2);
  });
});
