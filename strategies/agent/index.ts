/**
 * The in-guest agent design (DOMAIN.md, family 1). Files, one concept each:
 * - agent-design.ts     capabilities, plan (who is unprotected and why), start (a scheduler per machine)
 * - agent-job.ts        one job: hooks + freeze, shadow copy, file-level read, send, commit, record
 * - options.ts          options and defaults (Veeam proxy per-core figures as cycles per byte)
 * - file-map.ts         chunk -> file: whole changed files, full read sets
 * - shadow-copy.ts      the in-guest copy-on-write snapshot and its extra I/O
 * - machine-routes.ts   the resources guest-side work crosses (shared with CDP)
 * - job-route.ts        one flow per disk: read, CPU, network, target
 * - target-choice.ts    which target, or why none (shared with CDP)
 * - consistency-label.ts  the guest model's verdict as a recorder label
 */
export { AgentDesign, agentDesign } from './agent-design.js';
export { AGENT_DEFAULTS, resolveAgentOptions, type AgentOptions, type ResolvedAgentOptions } from './options.js';
export { FileChunkMap, type ReadSet } from './file-map.js';
export { guestSideRoutes, type GuestSideRoutes } from './machine-routes.js';
