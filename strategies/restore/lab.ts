/**
 * A virtual lab's network (DOMAIN.md, recovery options: non-production
 * copies of VMs started from backups beside production, in a sandbox,
 * reachable from production through NAT; Veeam's virtual lab with its proxy
 * appliance).
 *
 * The lab is an isolated network of its own (a resource no production flow
 * crosses) and a NAT proxy (a resource) between it and production: a
 * production client reaches a lab VM through the proxy and the lab network
 * (the probe every lab member and every verification sends). Lab VMs read
 * their disks from the repository and write to a redo log beside the backup
 * (run-from-backup.ts), like instant recovery, so no flow of a lab ever
 * crosses a production datastore, and nothing is written to a production
 * disk. Traffic between lab VMs is not modelled.
 */
import type { Simulation } from '../../sim/engine/simulation.js';
import type { Hop, Resource } from '../../sim/flow/network.js';

export const LAB_DEFAULTS = {
  /** Assumed: the lab's isolated virtual switch carries about 10 Gbit/s, like the hosts' own. */
  networkBytesPerSec: 1.25e9,
  /** Assumed: the NAT proxy appliance routes about 1 Gbit/s. */
  natBytesPerSec: 125e6,
  /** Assumed: a production client's check of one lab VM (a ping, a page) moves 1 MB through NAT. */
  probeBytes: 1e6,
} as const;

export class VirtualLab {
  readonly path: string;
  /** The isolated network, bytes/s. */
  readonly network: Resource;
  /** The NAT proxy between production and the lab, bytes/s. */
  readonly nat: Resource;

  constructor(sim: Simulation, path: string) {
    this.path = path;
    this.network = sim.resource({ name: `${path}/network`, capacity: LAB_DEFAULTS.networkBytesPerSec, unit: 'B/s' });
    this.nat = sim.resource({ name: `${path}/nat`, capacity: LAB_DEFAULTS.natBytesPerSec, unit: 'B/s' });
  }

  /** Traffic between production and a lab VM: through the NAT proxy, then the lab network. */
  natHops(): Hop[] {
    return [{ resource: this.nat }, { resource: this.network }];
  }
}
