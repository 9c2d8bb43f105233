/** The world: estate + guests + platforms, built from one WorldSpec. */
export { buildWorld } from './build-world.js';
export { World, type ProtectedMachine } from './world.js';
export { WORLD_DEFAULTS, type WorldSpec, type GuestBinding, type HypervisorBinding } from './world-spec.js';
export { startGuestActivity, type GuestActivity } from './guest-activity.js';
