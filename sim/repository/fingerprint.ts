/**
 * Block fingerprints: the simulator's stand-in for a cryptographic hash of a
 * block's bytes (Proxmox Backup Server: SHA-256 per chunk, DOMAIN.md).
 *
 * A block's bytes are fully described by the content ids of its chunks, so
 * its fingerprint is a hash of those ids (and of how many there are, so a
 * short last block never equals a full one). Equal content always gives an
 * equal fingerprint; different content almost never does. The index confirms
 * the content ids on every fingerprint match, so a collision of this 32-bit
 * stand-in can never merge two different blocks: with SHA-256 collisions are
 * negligible, and the model makes them impossible rather than rare.
 *
 * The mixing is MurmurHash3's (x86, 32-bit) block step and finaliser: fast,
 * well spread for sequential ids (content ids are handed out in runs), and
 * pure integer arithmetic, so it is identical on every platform.
 */

/** Size of a real fingerprint on the wire (SHA-256): what source dedupe sends per block it asks about. */
export const FINGERPRINT_BYTES = 32;

const SEED = 0x5bd1e995;

/** MurmurHash3 finaliser: a bijection on 32-bit values that spreads every input bit. */
export function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Fingerprint of `ids[start, start + count)`, a 32-bit unsigned number. */
export function fingerprintOf(ids: Uint32Array, start: number, count: number): number {
  let h = SEED;
  for (let k = 0; k < count; k++) {
    let x = Math.imul(ids[start + k]!, 0xcc9e2d51);
    x = (x << 15) | (x >>> 17);
    h ^= Math.imul(x, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  return mix32(h ^ count);
}

/** True when every id of `ids[start, start + count)` is the zero chunk. */
export function isZeroBlock(ids: Uint32Array, start: number, count: number): boolean {
  for (let k = 0; k < count; k++) if (ids[start + k] !== 0) return false;
  return true;
}

/** A number in [0, 1) derived from a fingerprint, independent of the bits the index uses. */
export function unitFromFingerprint(fingerprint: number): number {
  return mix32(fingerprint ^ 0x9e3779b9) / 0x1_0000_0000;
}
