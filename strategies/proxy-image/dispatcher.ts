/**
 * The nightly dispatcher of a proxy design: at each scheduled night it queues
 * one job per protected VM, in estate order (staggered if the schedule says
 * so), and the central limits decide when each really starts. A VM whose
 * previous job is still running gets a failed record for the night instead
 * of a second job, as backup products skip an overlapping run.
 */
import type { ProcessBody } from '../../sim/engine/process.js';
import type { ProtectedMachine } from '../../sim/world/world.js';
import { nightsBetween, staggeredStartSec, type Night } from '../schedule/index.js';
import type { ProxyJobEnv } from './env.js';
import { proxyJob } from './job.js';
import { blankJob } from '../recorder.js';

export function* dispatchNights(env: ProxyJobEnv, machines: readonly ProtectedMachine[]): ProcessBody<void> {
  const s = env.options.schedule;
  for (const night of nightsBetween(s, env.sim.now, env.ctx.endSec)) {
    if (night.startSec > env.sim.now) yield night.startSec - env.sim.now;
    if (s.staggerSec === 0) {
      for (const m of machines) startJob(env, m, night);
      continue;
    }
    env.sim.process(`design/${env.design}/night-${night.index}`, staggered(env, machines, night));
  }
}

function* staggered(env: ProxyJobEnv, machines: readonly ProtectedMachine[], night: Night): ProcessBody<void> {
  for (let i = 0; i < machines.length; i++) {
    const at = staggeredStartSec(env.options.schedule, night.startSec, i);
    if (at >= env.ctx.endSec) return;
    if (at > env.sim.now) yield at - env.sim.now;
    startJob(env, machines[i]!, night);
  }
}

function startJob(env: ProxyJobEnv, m: ProtectedMachine, night: Night): void {
  const state = env.machines.get(m.path)!;
  if (state.running) {
    const now = env.sim.now;
    env.ctx.recorder.job({
      ...blankJob(env.design, m.path, night.kind, now),
      outcome: { state: 'failed', reason: `night ${night.index} skipped: the previous job of ${m.path} was still running` },
    });    return;
  }
  env.sim.process(`design/${env.design}/${m.path}/night-${night.index}`, proxyJob(env, m, night));
}
