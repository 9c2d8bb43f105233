/**
 * Byte and time units used by the disk, guest and tracking layers. Sizes are
 * always plain numbers of bytes and times plain numbers of simulated seconds;
 * these constants only keep literals readable (`100 * GIB`).
 */
export const KIB = 1024;
export const MIB = 1024 * KIB;
export const GIB = 1024 * MIB;

export const SECONDS_PER_HOUR = 3600;
export const SECONDS_PER_DAY = 24 * SECONDS_PER_HOUR;
