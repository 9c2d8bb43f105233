/**
 * LTO tape drive generations (DOMAIN.md, "tape (LTO)", from IBM LTO drive
 * manuals): native speed, cartridge capacity, and the lowest speed-matching
 * step below which the drive can no longer slow down to the feed and starts
 * to stop and reposition ("backhitch", shoe-shining).
 *
 * Speeds and capacities are decimal (1 MB = 1e6 bytes, 1 TB = 1e12 bytes) as
 * drive manuals give them. Figures DOMAIN.md does not give are marked
 * "assumed"; scenarios can override every one of them per library.
 */
import { MIB } from '../disk/units.js';

export interface LtoGeneration {
  /** Native (uncompressed) streaming speed, bytes/s. */
  nativeBytesPerSec: number;
  /** Native cartridge capacity, bytes. */
  cartridgeBytes: number;
  /** Lowest speed-matching step, bytes/s: fed slower than this, the drive backhitches. */
  minStreamBytesPerSec: number;
  /** Drive data buffer, bytes. */
  bufferBytes: number;
}

const MB = 1e6;
const TB = 1e12;

/**
 * Assumed: DOMAIN.md gives no buffer size; drives of these generations carry
 * buffers of a few hundred MiB to 1 GiB, and 512 MiB stands for them all.
 */
const ASSUMED_BUFFER_BYTES = 512 * MIB;

export const LTO_GENERATIONS = {
  // Minimum steps for LTO-5 and LTO-6 are assumed: about a third of native
  // speed, like LTO-7 (101 of 300) and LTO-8 (112 of 360).
  'LTO-5': { nativeBytesPerSec: 140 * MB, cartridgeBytes: 1.5 * TB, minStreamBytesPerSec: 47 * MB, bufferBytes: ASSUMED_BUFFER_BYTES },
  'LTO-6': { nativeBytesPerSec: 160 * MB, cartridgeBytes: 2.5 * TB, minStreamBytesPerSec: 54 * MB, bufferBytes: ASSUMED_BUFFER_BYTES },
  'LTO-7': { nativeBytesPerSec: 300 * MB, cartridgeBytes: 6 * TB, minStreamBytesPerSec: 101 * MB, bufferBytes: ASSUMED_BUFFER_BYTES },
  'LTO-8': { nativeBytesPerSec: 360 * MB, cartridgeBytes: 12 * TB, minStreamBytesPerSec: 112 * MB, bufferBytes: ASSUMED_BUFFER_BYTES },
  'LTO-9': { nativeBytesPerSec: 400 * MB, cartridgeBytes: 18 * TB, minStreamBytesPerSec: 177 * MB, bufferBytes: ASSUMED_BUFFER_BYTES },
} as const satisfies Record<string, LtoGeneration>;

export type LtoGenerationName = keyof typeof LTO_GENERATIONS;

/** Mechanical times common to the generations, seconds. */
export const TAPE_MECHANICS = {
  /** Load a cartridge: 12-16 s (DOMAIN.md); the middle of the range. */
  loadSec: 14,
  /** Average locate: about 60 s (DOMAIN.md). */
  locateSec: 60,
  /** Rewind: about 60 s (DOMAIN.md). */
  rewindSec: 60,
  /**
   * Assumed: one backhitch (stop, rewind past the last block, re-accelerate).
   * DOMAIN.md gives no figure; a few seconds is the usual order of magnitude.
   */
  repositionSec: 3,
} as const;
