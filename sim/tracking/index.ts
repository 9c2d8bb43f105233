/** Public API of sim/tracking (see each file's header for its design). */
export * from './answers.js';
export * from './change-areas.js';
export * from './epoch-log.js';
export * from './epoch-tracker.js';
export * from './full-read.js';
export * from './hyperv-rct.js';
export * from './trackers.js';
export * from './vmware-cbt.js';
export * from './vss-shadow-copy.js';
export * from './xen-cbt.js';
export * from './xen-cumulative.js';
