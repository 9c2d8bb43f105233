/**
 * Where restored bytes land: the machine's production storage, reached over
 * the network from wherever the data comes from (a repository, a tape
 * library). A restored byte crosses the network path to the machine's box
 * (its host, or the physical server), then the same I/O path the machine's
 * own writes take (`Machine.appIoPaths`: hypervisor I/O CPU, the storage
 * link of shared storage, the datastore's bandwidth and IOPS), in writes of
 * one chunk each. Nothing here switches on the machine's kind: the estate
 * says what its I/O path is.
 *
 * A restore writes to a new location on the production datastore (the
 * original VM keeps running in the simulated world); the guest's disks are
 * never written by a restore, so the world's content stays the world's.
 */
import { fail } from '../../sim/engine/errors.js';
import { joinHops } from '../../sim/estate/hops.js';
import type { NetworkAttachment } from '../../sim/estate/network.js';
import type { Hop } from '../../sim/flow/network.js';
import type { ProtectedMachine, World } from '../../sim/world/world.js';

/** The network attachment of the machine's box (a VM's host, or the physical server). */
export function machineAttachment(m: ProtectedMachine): NetworkAttachment {
  return m.estate.attachment;
}

/** Route of one restored byte from `from` to disk `diskIndex` of machine `m`, written in chunk-sized I/Os. */
export function productionWriteRoute(world: World, m: ProtectedMachine, diskIndex: number, from: NetworkAttachment): Hop[] {
  const chunk = world.chunkSizeBytes;
  const storage = m.storage[diskIndex];
  if (storage === undefined) fail(`${m.path} has no disk ${diskIndex}`);
  const paths = m.estate.appIoPaths({ readFraction: 0, readIoSizeBytes: chunk, writeIoSizeBytes: chunk });
  const path = paths.find((p) => p.device === storage.path) ?? paths[0];
  if (path === undefined) fail(`${m.path} has no I/O path`);
  return joinHops(world.estate.networkPath(from, machineAttachment(m)).hops, path.hops);
}

/** The resources a route crosses, by name (reports list them; tests check what a lab never touches). */
export function resourceNames(route: readonly Hop[]): string[] {
  return route.map((h) => h.resource.name);
}
