/**
 * The in-guest agent design (DOMAIN.md, family 1): one agent per VM and per
 * physical server, each running its own full and incremental jobs at file
 * level, exactly as on physical servers, on its own schedule. Nothing
 * coordinates the agents: by default every job starts at 22:00, as people
 * configure them, so on a host with many VMs they all read, compress and send
 * at once (claim 1). A stagger between machines is an option.
 *
 * Capabilities: every platform (an agent does not care what hypervisor runs
 * under its OS, and physical servers are its home ground), disk and dedupe
 * appliance targets, file-level and application-item restores through the
 * agent, whole-machine (bare-metal) and disk restores; no instant recovery
 * and no virtual lab, which need an image a hypervisor can boot.
 *
 *     const design = agentDesign('agents', { schedule: { staggerSec: 600 } });
 *     const plan = design.plan(world);   // unprotected: platforms without an agent, unwritable targets
 *     design.start(ctx, plan);           // one scheduler process per machine
 */
import type { ProcessBody } from '../../sim/engine/process.js';
import type { NetworkAttachment } from '../../sim/estate/network.js';
import type { GuestCapture } from '../../sim/guest/guest.js';
import type { ProtectedMachine, World } from '../../sim/world/world.js';
import type { BackupDesign, DesignCapabilities, DesignContext, DesignFactory, DesignPlan, TargetKind } from '../protocol.js';
import { nightsBetween, staggeredStartSec } from '../schedule/index.js';
import { runAgentJob, type AgentEnv } from './agent-job.js';
import { FileChunkMap } from './file-map.js';
import { guestSideRoutes } from './machine-routes.js';
import { resolveAgentOptions, type AgentOptions, type ResolvedAgentOptions } from './options.js';
import { chooseTarget, planToTarget, routeRefusal } from './target-choice.js';
import { WrittenChunks } from '../../sim/disk/written-chunks.js';

const WRITABLE: readonly TargetKind[] = ['disk', 'dedupe-appliance'];

export class AgentDesign implements BackupDesign {
  readonly capabilities: DesignCapabilities;
  readonly options: ResolvedAgentOptions;
  /** The guest's in-memory state at each committed point, by `machine@pointSec` (for restores). */
  private readonly captures = new Map<string, GuestCapture>();

  constructor(readonly name: string, options: AgentOptions = {}) {
    this.options = resolveAgentOptions(name, options);
    this.capabilities = {
      family: 'agent',
      platforms: this.options.platforms,
      targets: WRITABLE,
      dedupe: ['none', 'source', 'target'],
      restores: ['vm', 'disk', 'file', 'application-item'],
      consistency: 'agent-hook',
    };
  }

  /** The guest's in-memory state paired with the machine's restore point at `pointSec`, if this design made it. */
  captureAt(machinePath: string, pointSec: number): GuestCapture | undefined {
    return this.captures.get(`${machinePath}@${pointSec}`);
  }

  plan(world: World): DesignPlan {
    return planToTarget(world, this.name, this.options.target, WRITABLE, (m, to) => this.refusal(world, m, to));
  }

  start(ctx: DesignContext, plan: DesignPlan): void {
    // What a run keeps for restores belongs to the latest run only.
    this.captures.clear();
    if (plan.protect.length === 0) return;
    const choice = chooseTarget(ctx.world, this.name, this.options.target, WRITABLE);
    if (choice.kind !== 'ok') throw new Error(`invariant violated: ${this.name} planned machines without a usable target`);
    const target = ctx.repository(choice.target.name);
    plan.protect.forEach((machine, index) => {
      const routes = guestSideRoutes(machine);
      const env: AgentEnv = {
        sim: ctx.world.sim,
        design: this.name,
        machine,
        routes,
        target,
        networkHops: ctx.world.estate.networkPath(routes.attachment, choice.target.attachment).hops,
        files: () => new FileChunkMap(machine.guest.filesystem, machine.guest.disks),
        written: machine.guest.disks.map((d) => new WrittenChunks(d)),
        options: this.options,
        recorder: ctx.recorder,
        changeBatchSec: ctx.world.changeBatchSec,
        keepCapture: (pointSec, capture) => this.captures.set(`${machine.path}@${pointSec}`, capture),
      };
      ctx.world.sim.process(`${this.name}/${machine.path}`, machineSchedule(env, index, ctx.endSec));
    });
  }

  /** Why the agent cannot protect this machine, or null when it can. */
  private refusal(world: World, m: ProtectedMachine, to: NetworkAttachment): string | null {
    const version = m.platform.capabilities.version;
    if (!this.options.platforms.includes(version)) return `${this.name} has no agent for ${version} (${m.platform.capabilities.description})`;
    return routeRefusal(world, m, to);
  }
}

/** One machine's nights: a job at each scheduled start; a job still running delays the next one. */
function* machineSchedule(env: AgentEnv, machineIndex: number, endSec: number): ProcessBody<void> {
  const { sim } = env;
  const schedule = env.options.schedule;
  let sequence = 0;
  for (const night of nightsBetween(schedule, sim.now, endSec)) {
    const startSec = staggeredStartSec(schedule, night.startSec, machineIndex);
    if (startSec >= endSec) break;
    if (sim.now < startSec) yield startSec - sim.now;
    yield* runAgentJob(env, night.kind, ++sequence, sim.now - startSec);
  }
}

export const agentDesign: DesignFactory<AgentOptions> = (name, options) => new AgentDesign(name, options);
