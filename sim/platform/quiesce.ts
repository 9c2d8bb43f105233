/**
 * Quiescing a VM through the platform: the request goes to the guest tools,
 * which reach as far as the tools and the OS allow (sim/guest/guest-tools.ts),
 * the applications they reach write their in-memory work to disk, and the
 * guest stays frozen until the thaw.
 *
 * Costs: a prepare time (QUIESCE_PREPARE_SEC, illustrative: the tools start
 * the VSS freeze sequence) and the flush itself, a flow of the flushed bytes
 * on each disk's storage. The freeze window (VSS_FREEZE_WINDOW_SEC, 60 s by
 * default, DOMAIN.md) is enforced at the snapshot instant: past it the VSS
 * writers abort and thaw themselves, so the snapshot is no longer
 * application-consistent, and the content shows it.
 *
 * A platform without a tools quiesce (a physical server) answers
 * `unsupported`; a guest the request cannot reach answers
 * `crash-consistent-only` with the reason.
 */
import type { ProcessBody } from '../engine/process.js';
import type { Simulation } from '../engine/simulation.js';
import type { Flow } from '../flow/network.js';
import type { QuiesceOutcome } from '../guest/guest.js';
import type { PlatformCapabilities } from './capabilities.js';
import type { PlatformVm } from './machine.js';
import { unsupported, type CrashConsistentOnly, type Unsupported } from './outcomes.js';

export const QUIESCE_PREPARE_SEC = 2;
/** DOMAIN.md (VSS): the freeze-to-thaw window is 60 s by default, then the writer aborts. */
export const VSS_FREEZE_WINDOW_SEC = 60;

export type QuiesceResult =
  | {
      kind: 'quiesced';
      level: 'application' | 'file-system';
      frozenAtSec: number;
      /** Writers abort after this long frozen (null: nothing times out). */
      freezeLimitSec: number | null;
      flushedBytes: number;
      outcome: QuiesceOutcome;
    }
  | (CrashConsistentOnly & { outcome: QuiesceOutcome })
  | Unsupported;

export type ThawResult = { kind: 'thawed'; frozenSec: number; windowExceeded: boolean } | { kind: 'not-frozen' };

export function* quiesceVm(sim: Simulation, caps: PlatformCapabilities, vm: PlatformVm): ProcessBody<QuiesceResult> {
  if (!caps.toolsQuiesce) return unsupported('tools-quiesce', `${caps.description} cannot quiesce ${vm.path}: only an in-guest agent can`);
  yield QUIESCE_PREPARE_SEC;
  const outcome = vm.guest.quiesce('guest-tools');
  const flows: Flow[] = [];
  let flushedBytes = 0;
  for (const [k, app] of outcome.apps.entries()) {
    if (app.flushedWrites === 0) continue;
    // The outcome lists applications in the guest's order.
    const diskIndex = vm.guest.apps[k]!.diskIndex;
    const bytes = app.flushedWrites * vm.guest.disks[diskIndex]!.chunkSizeBytes;
    flushedBytes += bytes;
    flows.push(sim.transfer({ name: `${vm.path}/quiesce-flush/${app.app}`, sizeBytes: bytes, route: vm.ios[diskIndex]!.hops }));
  }
  if (flows.length > 0) yield sim.allOf(flows);
  if (outcome.level === 'crash') {
    return { kind: 'crash-consistent-only', reason: crashReason(vm, outcome), outcome };
  }
  const freezeLimitSec = outcome.reach === 'vss-writers' ? VSS_FREEZE_WINDOW_SEC : null;
  vm.freeze = { startedAtSec: sim.now, limitSec: freezeLimitSec };
  return { kind: 'quiesced', level: outcome.level, frozenAtSec: sim.now, freezeLimitSec, flushedBytes, outcome };
}

/** At the snapshot instant: if the writers have been frozen past their window, they have aborted and thawed. */
export function enforceFreezeWindow(vm: PlatformVm, nowSec: number): boolean {
  const f = vm.freeze;
  if (f === null || f.limitSec === null || nowSec - f.startedAtSec <= f.limitSec) return false;
  vm.guest.thaw();
  return true;
}

export function thawVm(vm: PlatformVm, nowSec: number): ThawResult {
  const f = vm.freeze;
  if (f === null) return { kind: 'not-frozen' };
  vm.freeze = null;
  vm.guest.thaw();
  const frozenSec = nowSec - f.startedAtSec;
  return { kind: 'thawed', frozenSec, windowExceeded: f.limitSec !== null && frozenSec > f.limitSec };
}

function crashReason(vm: PlatformVm, outcome: QuiesceOutcome): string {
  const tools = vm.guest.tools;
  if (tools === undefined) return `${vm.path} has no guest tools installed, so nothing in the guest is quiesced`;
  return `${tools.description} cannot quiesce a ${vm.guest.osFamily} guest (reach: ${outcome.reach})`;
}
