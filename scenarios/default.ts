/**
 * The built-in default scenario: what `npm start` runs, until scenario files
 * and the `vmbsim` command arrive (issue 5).
 *
 * A small vSphere 4 estate: 4 hosts (1 GbE) with 6 VMs each (Windows file servers,
 * SQL Server, Linux web servers with PostgreSQL) on one SAN datastore, one
 * physical database server, a physical backup proxy zoned to the SAN and a
 * disk repository. Three designs protect it for three days, each on an
 * identical world (same seed): nightly in-guest agents, nightly proxy image
 * backup with CBT and source dedupe, and near-continuous data protection.
 * On day 2 each design is asked for a full VM restore, an instant recovery,
 * a verification and a file restore.
 *
 * Nothing here says which design is better: windows, impact, bytes, RPO and
 * RTO come out of the simulation.
 */
import type { WorldSpec } from '../sim/world/world-spec.js';
import { LARGEST_FILE, type FileChoice, type RestoreDrill } from '../strategies/restore/drill.js';

const GIB = 1024 ** 3;
const MB = 1e6;
const DAY = 86_400;

export const DEFAULT_DAYS = 3;
const DRILL_MACHINE = 'sql-11';

export function defaultWorld(): WorldSpec {
  // 1 GbE host NICs, as in the estates of the era DOMAIN.md describes.
  const hosts = [1, 2, 3, 4].map((i) => ({ name: `esx-0${i}`, cores: 16, clockGhz: 2.5, nicBytesPerSec: 125 * MB }));
  const roles = [
    { role: 'fs', template: 'win2008r2', applications: [{ kind: 'file-server' }], dataGib: 20 },
    { role: 'sql', template: 'win2008r2', applications: [{ kind: 'sql-server' }], dataGib: 16 },
    { role: 'web', template: 'rhel6', applications: [{ kind: 'postgresql' }], dataGib: 8 },
  ];
  const vms = hosts.flatMap((h, hi) =>
    Array.from({ length: 6 }, (_, v) => {
      const r = roles[v % roles.length]!;
      return { name: `${r.role}-${hi + 1}${v}`, host: h.name, role: r };
    }),
  );
  return {
    chunkSizeBytes: 4 * 1024 * 1024,
    changeBatchSec: 300,
    estate: {
      hosts,
      datastores: [{ name: 'san-gold', kind: 'san', hosts: hosts.map((h) => h.name), bandwidthBytesPerSec: 800 * MB, iops: 20_000, baseLatencyMs: 1 }],
      proxies: [{ name: 'proxy-01', kind: 'physical', cores: 8, taskSlots: 4, sanDatastores: ['san-gold'] }],
      targets: [{ name: 'repo-01', kind: 'disk', bandwidthBytesPerSec: 600 * MB }],
      vms: vms.map((v) => ({
        name: v.name,
        host: v.host,
        vcpus: 2,
        disks: [{ datastore: 'san-gold', sizeBytes: (v.role.dataGib + 16) * GIB }],
        workload: { readBytesPerSec: 4 * MB, writeBytesPerSec: 2 * MB, profile: 'business-hours' as const },
      })),
      physicalServers: [
        { name: 'erp-db', disk: { sizeBytes: 40 * GIB }, workload: { readBytesPerSec: 8 * MB, writeBytesPerSec: 4 * MB, profile: 'business-hours' as const } },
      ],
    },
    defaultPlatform: 'vsphere-4',
    guests: [
      ...vms.map((v) => ({ machine: v.name, template: v.role.template, applications: v.role.applications, appDataBytes: [v.role.dataGib * GIB] })),
      { machine: 'erp-db', template: 'rhel6', applications: [{ kind: 'postgresql' }], appDataBytes: [20 * GIB] },
    ],
  };
}

export const DEFAULT_DESIGNS = [
  { kind: 'agent', name: 'agents-22h', options: {} },
  { kind: 'proxy-image', name: 'proxy-vadp-cbt', options: { dedupe: 'source' } },
  { kind: 'cdp', name: 'near-cdp-15min', options: { mode: 'near-cdp', syncIntervalMin: 15 } },
] as const;

/**
 * Day-2 drills on the first SQL Server VM: restored whole, run instantly,
 * verified, and one file restored (by default its largest, in the run's own
 * guest layout: a restore of it has something to move).
 */
export function defaultDrills(file: FileChoice = LARGEST_FILE): RestoreDrill[] {
  return [
    { kind: 'vm', machine: DRILL_MACHINE, atSec: DAY + 9 * 3600 },
    { kind: 'instant-recovery', machine: DRILL_MACHINE, atSec: DAY + 11 * 3600 },
    { kind: 'verification', machine: DRILL_MACHINE, atSec: DAY + 13 * 3600 },
    { kind: 'file', machine: DRILL_MACHINE, atSec: DAY + 15 * 3600, file },
  ];
}
