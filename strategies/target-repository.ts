/**
 * A repository bound to an estate backup target: the data side (chunk store,
 * fingerprint index, catalog, chains, retention; `sim/repository`) and the
 * resource side (the target's NIC, disks or CPU). The repository itself is
 * pure bookkeeping that answers in bytes and I/Os; this binding is where those
 * numbers become flows on the target's resources, so every design charges
 * repository I/O the same way.
 *
 * The runner builds one per disk or dedupe-appliance target of the estate
 * (`DesignContext.repository(targetName)`); a tape library holds no
 * repository (no dedupe on tape, DOMAIN.md), and asking for one is a
 * programmer error: `plan()` checks target kinds first.
 *
 * Conventions every design follows, so restores, verification and the
 * contract suite can read any design's points: the machine is its path
 * (`vm/web-01`), a point's time is the instant its content was captured, and
 * disks are named `disk/<index>` after the guest's disk index.
 */
import type { ProcessBody } from '../sim/engine/process.js';
import type { BackupTarget } from '../sim/estate/targets.js';
import type { Hop } from '../sim/flow/network.js';
import type { Repository } from '../sim/repository/index.js';
import type { RepositoryIo } from '../sim/repository/repository-io.js';
import type { ConsistencyLabel } from './recorder.js';

export interface TargetRepository {
  /** The estate target's name (`targets[i].name`). */
  readonly name: string;
  readonly target: BackupTarget;
  /** The repository on it; restore points carry the recorder's consistency labels. */
  readonly repository: Repository<ConsistencyLabel>;
  /** Resources a byte written crosses behind the target's NIC (its disks, or its dedupe CPU). */
  ingestHops(): Hop[];
  /** Resources a byte read back crosses behind the target's NIC. */
  readHops(): Hop[];
  /**
   * Charges repository disk I/O (a commit's, a merge's, a GC's) as flows on
   * the target's resources; returns when the I/O is done. Use with `yield*`.
   */
  chargeIo(io: RepositoryIo, label: string): ProcessBody<void>;
}
