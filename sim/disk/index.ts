/** Public API of sim/disk (see each file's header for its design). */
export * from './change-config.js';
export * from './change-process.js';
export * from './chunk-bitmap.js';
export * from './chunk-image.js';
export * from './config-checks.js';
export * from './content-space.js';
export * from './daily-profile.js';
export * from './locality.js';
export * from './os-templates.js';
export * from './point-in-time-overlay.js';
export * from './shared-update.js';
export * from './template-pool.js';
export * from './units.js';
export * from './virtual-disk.js';
export * from './vm-disk.js';
export * from './write-batch.js';
export * from './written-chunks.js';
