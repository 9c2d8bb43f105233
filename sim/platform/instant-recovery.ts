/**
 * Publishing a backup as a datastore the hypervisor can boot a VM from
 * (instant recovery, DOMAIN.md: Veeam vPower presents the backup as an NFS
 * datastore; on a deduplicating target, random reads rehydrate data and the
 * VM runs slowly). The platform only mounts it: the caller says where the
 * backup's bytes come from (`readHops`, which is where a slow target shows),
 * and the published datastore carries the images and that route so a
 * restore or a lab can read through it.
 */
import type { ProcessBody } from '../engine/process.js';
import type { Simulation } from '../engine/simulation.js';
import type { Hop } from '../flow/network.js';
import type { ChunkImage } from '../disk/chunk-image.js';
import type { InstantRecoveryCapability, PlatformCapabilities } from './capabilities.js';
import { unsupported, type Unsupported } from './outcomes.js';

export interface PublishableBackup {
  /** Names the datastore, e.g. `sql-01@2011-05-03`. */
  name: string;
  /** The restore point's disk images, by disk index. */
  images: readonly ChunkImage[];
  /** Route of one byte read from the backup's storage to the host. */
  readHops: readonly Hop[];
}

export interface PublishedDatastore {
  path: string;
  protocol: InstantRecoveryCapability['protocol'];
  images: readonly ChunkImage[];
  readHops: readonly Hop[];
  publishedAtSec: number;
}

export type PublishResult = { kind: 'published'; datastore: PublishedDatastore } | Unsupported;

export function* publishBackup(sim: Simulation, caps: PlatformCapabilities, backup: PublishableBackup): ProcessBody<PublishResult> {
  const ir = caps.instantRecovery;
  if (ir === null) return unsupported('instant-recovery', `${caps.description} cannot mount a backup as a datastore to boot from`);
  yield ir.mountSec;
  return {
    kind: 'published',
    datastore: { path: `published/${backup.name}`, protocol: ir.protocol, images: backup.images, readHops: backup.readHops, publishedAtSec: sim.now },
  };
}
