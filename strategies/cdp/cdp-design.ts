/**
 * Continuous data protection (DOMAIN.md, family 2), and its near-CDP variant.
 *
 * Per machine: an initial full sync makes the target's replica (and a full
 * restore point); from that instant a write splitter (in the guest or in the
 * hypervisor) copies every write into a journal on the target, streamed as
 * the guest writes, so network and CPU follow the write rate and nothing is
 * ever read back from production storage; the journal keeps a retention
 * window within which any point in time can be restored (journal.ts), with
 * application-consistent bookmarks where VSS is reachable. Near-CDP instead
 * synchronises changed blocks every N minutes (near-cdp-sync.ts).
 *
 * Capabilities: a guest splitter runs on every platform, physical servers
 * included; a hypervisor splitter needs a hypervisor. Disk and dedupe
 * appliance targets (a journal cannot live on tape). Restores: whole machine,
 * disk, file, and (continuous only) any point in time; restores read the
 * journals through `journal(machinePath)`.
 *
 *     const design = cdpDesign('cdp', { splitter: 'hypervisor' });
 *     design.start(ctx, design.plan(world));
 *     // later: design.journal('vm/web-01')?.imageAt(t, sim.now)
 */
import type { ProcessBody } from '../../sim/engine/process.js';
import type { NetworkAttachment } from '../../sim/estate/network.js';
import type { GuestCapture } from '../../sim/guest/guest.js';
import type { ProtectedMachine, World } from '../../sim/world/world.js';
import { guestSideRoutes } from '../agent/machine-routes.js';
import { chooseTarget, planToTarget, routeRefusal } from '../agent/target-choice.js';
import type { BackupDesign, DesignCapabilities, DesignContext, DesignFactory, DesignPlan, MeasuredRpo, TargetKind } from '../protocol.js';
import { bookmarks } from './bookmarks.js';
import { emptyTally, type CdpEnv } from './cdp-env.js';
import { continuousStream } from './continuous-stream.js';
import { initialSync } from './initial-sync.js';
import { CdpJournal } from './journal.js';
import { nearCdpSyncs, SyncTracker } from './near-cdp-sync.js';
import { resolveCdpOptions, type CdpOptions, type ResolvedCdpOptions } from './options.js';
import { streamRecords } from './stream-records.js';
import { WriteSplitter } from './write-splitter.js';

const WRITABLE: readonly TargetKind[] = ['disk', 'dedupe-appliance'];

export class CdpDesign implements BackupDesign {
  readonly capabilities: DesignCapabilities;
  readonly options: ResolvedCdpOptions;
  private readonly journals = new Map<string, CdpJournal>();
  /** The guest's in-memory state at each initial sync, by `machine@pointSec`. */
  private readonly syncCaptures = new Map<string, GuestCapture>();
  private targetName: string | undefined;

  constructor(readonly name: string, options: CdpOptions = {}) {
    this.options = resolveCdpOptions(name, options);
    this.capabilities = {
      family: 'cdp',
      platforms: this.options.platforms,
      targets: WRITABLE,
      dedupe: ['none'],
      restores: this.options.mode === 'continuous' ? ['vm', 'disk', 'file', 'point-in-time'] : ['vm', 'disk', 'file'],
      consistency: 'guest-tools',
    };
  }

  /** The journal of a protected machine (`vm/web-01`), once started; undefined for others. */
  journal(machinePath: string): CdpJournal | undefined {
    return this.journals.get(machinePath);
  }

  /** RPO from the journal: the longest a write waited to be safe, and how far the restorable window lags the end. */
  measuredRpo(machinePath: string, endSec: number): MeasuredRpo | null {
    const j = this.journals.get(machinePath);
    if (j === undefined) return null;
    const window = j.window(endSec);
    return { maxGapSec: j.rpo(endSec).maxSec, lastPointAgeSec: window === null ? endSec : endSec - window.toSec };
  }

  /** The estate target a machine's journal lives on. */
  journalTarget(machinePath: string): string | undefined {
    return this.journals.has(machinePath) ? this.targetName : undefined;
  }

  /** The guest's in-memory state at a restore point (the initial sync) or a bookmark at `pointSec`. */
  captureAt(machinePath: string, pointSec: number): GuestCapture | undefined {
    return this.syncCaptures.get(`${machinePath}@${pointSec}`) ?? this.journals.get(machinePath)?.bookmarkAt(pointSec)?.capture;
  }

  plan(world: World): DesignPlan {
    return planToTarget(world, this.name, this.options.target, WRITABLE, (m, to) => this.refusal(world, m, to));
  }

  start(ctx: DesignContext, plan: DesignPlan): void {
    // Journals and captures belong to the latest run only: restores read them after it.
    this.journals.clear();
    this.syncCaptures.clear();
    this.targetName = undefined;
    if (plan.protect.length === 0) return;
    const { world } = ctx;
    const choice = chooseTarget(world, this.name, this.options.target, WRITABLE);
    if (choice.kind !== 'ok') throw new Error(`invariant violated: ${this.name} planned machines without a usable target`);
    const target = ctx.repository(choice.target.name);
    this.targetName = choice.target.name;
    const syncSlots = world.sim.slots(`${this.name}/initial-syncs`, this.options.maxConcurrentInitialSyncs);
    for (const machine of plan.protect) {
      const routes = guestSideRoutes(machine);
      const journal = new CdpJournal(machine.path, {
        granularity: this.options.mode === 'continuous' ? 'any-point' : 'sync-points',
        chunkSizeBytes: world.chunkSizeBytes,
        retentionSec: this.options.journalRetentionSec,
        minBytes: this.options.journalMinBytes,
        maxBytes: this.options.journalMaxBytes,
      });
      this.journals.set(machine.path, journal);
      const env: CdpEnv = {
        sim: world.sim, design: this.name, machine, routes, target,
        networkHops: world.estate.networkPath(routes.attachment, choice.target.attachment).hops,
        journal, options: this.options, recorder: ctx.recorder, changeBatchSec: world.changeBatchSec, endSec: ctx.endSec,
        syncSlots, tally: emptyTally(),
        keepCapture: (pointSec, capture) => this.syncCaptures.set(`${machine.path}@${pointSec}`, capture),
      };
      world.sim.process(`${this.name}/${machine.path}`, protectMachine(env));
    }
  }

  /** Why this design cannot protect the machine, or null when it can. */
  private refusal(world: World, m: ProtectedMachine, to: NetworkAttachment): string | null {
    const version = m.platform.capabilities.version;
    if (!this.options.platforms.includes(version)) {
      return this.options.splitter === 'hypervisor' && m.kind === 'physical'
        ? `${this.name} splits writes in the hypervisor, and ${m.path} has none`
        : `${this.name} has no write splitter for ${version} (${m.platform.capabilities.description})`;
    }
    return routeRefusal(world, m, to);
  }
}

/** Sync first; then the stream and its bookmarks, or the synchronisations. */
function* protectMachine(env: CdpEnv): ProcessBody<void> {
  const { sim, machine } = env;
  const disks = machine.guest.disks;
  const continuous = env.options.mode === 'continuous';
  // Capture starts at the base instant, inside the sync; what it is depends on the mode.
  const capture: { splitter: WriteSplitter | null; tracker: SyncTracker | null } = { splitter: null, tracker: null };
  const synced = yield* initialSync(env, () => {
    if (continuous) capture.splitter = new WriteSplitter(sim, env.journal, disks);
    else capture.tracker = new SyncTracker(sim, disks);
  });
  if (!synced) {
    capture.splitter?.close();
    capture.tracker?.close();
    return;
  }
  const path = `${env.design}/${machine.path}`;
  if (capture.splitter !== null) {
    sim.process(`${path}/stream`, continuousStream(env, capture.splitter));
    sim.process(`${path}/stream-records`, streamRecords(env));
    sim.process(`${path}/bookmarks`, bookmarks(env));
  } else {
    sim.process(`${path}/syncs`, nearCdpSyncs(env, capture.tracker!));
  }
}

export const cdpDesign: DesignFactory<CdpOptions> = (name, options) => new CdpDesign(name, options);
