/**
 * Zeroed typed arrays for per-chunk state built once with the world and kept
 * for its whole life (a change tracker's epoch stamps, a meter's series).
 *
 * Why not `new Uint16Array(n)`: a world of a thousand 100 GiB disks builds a
 * thousand 200 KiB arrays, and once the process has freed any large buffer
 * the C allocator serves blocks of that size from its heap, clearing each one
 * byte by byte, which faults in every page whether the run ever writes it or
 * not (measured: ~0.5 s for a thousand, half of it in the kernel). A buffer
 * of tens of MiB always comes straight from the kernel, zeroed on demand: a
 * page costs nothing until first written. So such arrays are carved, in
 * order, out of shared slabs of SLAB_BYTES; most of a tracker's stamps (the
 * top of a disk the guest never reaches) then never cost a page.
 *
 * Only for arrays that live as long as their world: a slab is freed when the
 * last array carved from it is, and carved space is never reused. Small
 * arrays are allocated as usual (they come from the allocator's heap either
 * way, and one would pin a slab for little gain).
 */

/** Size of one slab: well above the C allocator's largest threshold for serving from its heap (32 MiB). */
const SLAB_BYTES = 64 * 1024 * 1024;
/** Arrays smaller than this are allocated on their own. */
const MIN_CARVED_BYTES = 16 * 1024;
/** Arrays larger than this get a buffer of their own (big enough to come from the kernel too). */
const MAX_CARVED_BYTES = SLAB_BYTES / 4;

let slab: ArrayBuffer | null = null;
let used = 0;

/** A zeroed region of `bytes` bytes (a multiple of 8, so every view is aligned), or null for a buffer of its own. */
function carve(bytes: number): number | null {
  if (bytes < MIN_CARVED_BYTES || bytes > MAX_CARVED_BYTES) return null;
  const size = Math.ceil(bytes / 8) * 8;
  if (slab === null || used + size > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    used = 0;
  }
  const at = used;
  used += size;
  return at;
}

/** A zeroed Uint16Array of `length` that lives as long as its world (see the header). */
export function longLivedU16(length: number): Uint16Array {
  const at = carve(length * 2);
  return at === null ? new Uint16Array(length) : new Uint16Array(slab!, at, length);
}

/** A zeroed Float64Array of `length` that lives as long as its world (see the header). */
export function longLivedF64(length: number): Float64Array {
  const at = carve(length * 8);
  return at === null ? new Float64Array(length) : new Float64Array(slab!, at, length);
}
