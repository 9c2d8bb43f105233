/**
 * Scenario validation speed (issue 5: validating a generated 1,000-VM
 * scenario must take < 200 ms). Two shapes of 1,000 VMs over 40 hosts:
 * ten fleets of 100 expanded by count, and the same estate written out as
 * 1,000 one-VM fleets (a large document: YAML parsing and the schema see
 * every VM). Each run parses the text, validates it, expands the fleets and
 * checks every reference; compile is timed on its own.
 */
import { stringify } from 'yaml';
import { parseScenarioText } from '../scenarios/load.js';
import { compileScenario } from '../scenarios/compile.js';
import { runTasks } from './harness.js';

const VMS = 1_000;

function estate(fleets: unknown[]): string {
  return stringify({
    name: 'bench-1000',
    days: 7,
    hosts: [{ name: 'esx-{i:2}', count: 40, cores: 32, nic: '10 Gbit/s' }],
    datastores: [{ name: 'san-a', kind: 'san', bandwidth: '4 GB/s', iops: 200_000 }, { name: 'nfs-b', kind: 'nfs' }],
    proxies: [{ name: 'proxy-01', kind: 'physical', san: ['san-a'] }],
    targets: [{ name: 'repo', kind: 'disk' }],
    fleets,
    designs: [
      { name: 'vadp', kind: 'proxy-image', options: { dedupe: 'source', schedule: { start: '22:00', stagger: '1 min' } } },
      { name: 'agents', kind: 'agent' },
    ],
    drills: [{ kind: 'vm', machine: 'web-0001', at: '2d 09:00' }],
  }, { aliasDuplicateObjects: false });
}

const variants = [
  { name: 'a', template: 'win2016', apps: ['sql-server'], disks: [{ size: '100 GiB', datastore: 'san-a', appData: '40 GiB', change: 'database' }] },
  { name: 'b', template: 'rhel7', apps: ['postgresql'], disks: [{ size: '60 GiB' }, { size: '200 GiB', datastore: 'nfs-b', appData: '100 GiB' }] },
];

const byCount = estate(
  Array.from({ length: 10 }, (_, f) => ({
    name: f === 0 ? 'web-{i:4}' : `f${f}-{variant}-{i:3}`,
    count: VMS / 10,
    vcpus: 2,
    workload: { read: '4 MB/s', write: '2 MB/s', profile: 'business-hours' },
    variants,
  })),
);

const writtenOut = estate(
  Array.from({ length: VMS }, (_, i) => {
    const { name: _variant, ...fields } = variants[i % 2]!;
    return {
      name: `web-${String(i + 1).padStart(4, '0')}`,
      placement: { hosts: [`esx-${String((i % 40) + 1).padStart(2, '0')}`] },
      vcpus: 2,
      workload: { read: '4 MB/s', write: '2 MB/s' },
      ...fields,
    };
  }),
);

function validate(text: string) {
  const r = parseScenarioText(text, 'bench.yaml');
  if (!r.ok) throw new Error(`bench scenario invalid: ${r.issues[0]!.message}`);
  return r.scenario;
}

export async function run(): Promise<void> {
  const scenario = validate(byCount);
  validate(writtenOut);
  await runTasks(
    'Scenario files: validation of a 1,000-VM scenario',
    [
      { name: `10 fleets x 100 VMs (by count), ${byCount.length} chars: parse + validate + references`, fn: () => validate(byCount), itemsPerRun: VMS, itemName: 'VMs', target: '< 200 ms' },
      { name: `1,000 one-VM fleets, ${writtenOut.length} chars: parse + validate + references`, fn: () => validate(writtenOut), itemsPerRun: VMS, itemName: 'VMs', target: '< 200 ms' },
      { name: 'compile the 10 x 100 scenario to a WorldSpec', fn: () => compileScenario(scenario), itemsPerRun: VMS, itemName: 'VMs' },
    ],
    { iterations: 20 },
  );
}
