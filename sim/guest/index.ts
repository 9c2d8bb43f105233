/** Public API of sim/guest (see each file's header for its design). */
export * from './app-instance.js';
export * from './applications.js';
export * from './build-guest.js';
export * from './consistency.js';
export * from './filesystem.js';
export * from './guest-tools.js';
export * from './guest.js';
export * from './quiesce.js';
