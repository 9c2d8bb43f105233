/**
 * Who flushes when a backup asks a guest to quiesce, as data.
 *
 * A quiesce arrives by one of two routes: through the hypervisor's guest tools
 * (how far it reaches depends on the tools and the OS, guest-tools.ts), or
 * through an in-guest agent, whose application hooks reach every application
 * that has one (DOMAIN.md: for applications not integrated with VSS an agent
 * may be the only way to application consistency).
 */
import type { ApplicationSpec } from './applications.js';
import { CONSISTENCY_TRAITS } from './applications.js';
import type { QuiesceReach } from './guest-tools.js';

export type QuiesceRoute = 'guest-tools' | 'agent';

/** How far a request got: a tools reach, or an agent's application hooks. */
export type EffectiveReach = QuiesceReach | 'agent-hooks';

/** Why an application was not flushed (shown in results, never an exception). */
export type NotFlushedReason = 'no-guest-tools' | 'tools-do-not-quiesce-this-os' | 'file-system-only' | 'no-vss-writer' | 'no-agent-hook';

/** The resulting image quality a quiesce can promise before anything is checked. */
export type QuiesceLevel = 'application' | 'file-system' | 'crash';

interface ReachRule {
  /** Does this reach make an application that holds work in memory flush it? */
  flushes: (app: ApplicationSpec) => boolean;
  /** Reason recorded for an application it does not flush. */
  reason: NotFlushedReason;
  /** Level when every application was flushed. */
  levelWhenAllFlushed: QuiesceLevel;
}

export const REACH_RULES: Readonly<Record<EffectiveReach, ReachRule>> = {
  'vss-writers': { flushes: (app) => CONSISTENCY_TRAITS[app.consistency].vssWriter, reason: 'no-vss-writer', levelWhenAllFlushed: 'application' },
  'agent-hooks': { flushes: (app) => app.agentHook, reason: 'no-agent-hook', levelWhenAllFlushed: 'application' },
  'file-system': { flushes: () => false, reason: 'file-system-only', levelWhenAllFlushed: 'file-system' },
  none: { flushes: () => false, reason: 'tools-do-not-quiesce-this-os', levelWhenAllFlushed: 'crash' },
};

/** True when a quiesce with this reach leaves the application's work on disk. */
export function reachFlushes(reach: EffectiveReach, app: ApplicationSpec): boolean {
  // An application with nothing in memory is as consistent as its file system.
  if (!CONSISTENCY_TRAITS[app.consistency].holdsCommittedWork) return reach !== 'none';
  return REACH_RULES[reach].flushes(app);
}
