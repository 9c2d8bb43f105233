/**
 * Application-consistent bookmarks in the journal (Zerto's VSS checkpoints,
 * InMage's application consistency tags): every so often the design asks the
 * guest's VSS writers to flush through the guest tools, marks the journal at
 * that instant, and thaws. The flush's writes go through the splitter like
 * any other, so the bookmark's image (the journal up to the mark) holds them.
 *
 * Only where VSS is reachable: guest tools whose reach on the guest's OS is
 * the VSS writers (DOMAIN.md: Windows with tools; Linux has no VSS). The label
 * is the guest model's verdict on the disks at the instant, not a promise: an
 * application without a VSS writer leaves a crash-consistent bookmark.
 */
import type { ProcessBody } from '../../sim/engine/process.js';
import type { Guest } from '../../sim/guest/guest.js';
import { consistencyLabel } from '../agent/consistency-label.js';
import type { CdpEnv } from './cdp-env.js';

/** True when a quiesce through the guest's tools reaches its VSS writers. */
export function vssReachable(guest: Guest): boolean {
  return guest.tools?.reach[guest.osFamily] === 'vss-writers';
}

export function* bookmarks(env: CdpEnv): ProcessBody<void> {
  const { sim, machine, journal } = env;
  const every = env.options.bookmarkIntervalSec;
  if (!(every > 0) || !vssReachable(machine.guest)) return;
  while (sim.now + every < env.endSec) {
    yield every;
    const guest = machine.guest;
    guest.quiesce('guest-tools');
    const capture = guest.capture();
    journal.bookmark(sim.now, consistencyLabel(guest.classify(guest.disks, capture)), capture);
    guest.thaw();
  }
}
