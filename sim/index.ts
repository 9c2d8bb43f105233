/**
 * vmbsim's public library API. The engine and the physical estate are exported
 * here; scenarios, strategies and results join them as they are built.
 */
export { Simulation, DEFAULT_MAX_EVENTS } from './engine/simulation.js';
export type { SimulationOptions, RunOptions, RunOutcome, TraceLine } from './engine/simulation.js';
export { SimEvent, Signal, Timeout, Condition } from './engine/events.js';
export { Process, Interrupt } from './engine/process.js';
export type { ProcessBody, ProcessOutcome } from './engine/process.js';
export { SlotPool, SlotRequest } from './engine/slots.js';
export { RandomStream, RandomStreams } from './engine/random.js';
export { ConfigError } from './engine/errors.js';
export { FlowNetwork, Flow, Resource } from './flow/network.js';
export type { FlowResult, Hop, LoadListener, ResourceOptions, TransferOptions } from './flow/network.js';
export type { UsageSeries } from './flow/usage-log.js';
export * from './estate/index.js';
export * from './workload/index.js';
export * from './snapshot/index.js';
export * from './platform/index.js';
export * from './disk/index.js';
export * from './guest/index.js';
export * from './tracking/index.js';
export * from './world/index.js';
export * from './repository/index.js';
