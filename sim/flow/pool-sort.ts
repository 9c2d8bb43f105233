/**
 * Sorting of the solver's pending-freeze pool (maxmin.ts): parallel typed
 * arrays of levels, flow ids and weights, ordered by level, then flow id.
 *
 * A busy resource (a datastore under a hundred VMs' I/O and a few backup
 * streams) puts a hundred or more flows in its pool at every solve that
 * touches it, so the sort runs in place and allocates nothing: insertion sort
 * for short segments, a quicksort (Hoare partition around the middle key)
 * above. Flow ids are distinct, so the key is a total order and the result is
 * the one any correct sort gives. Levels compare with < and ===, so equal
 * infinite levels fall through to the flow id as well.
 */

/** Segments this short are insertion-sorted. */
const INSERTION_MAX = 16;

/** Sorts `[start, end)` of the three arrays by (level, flow) ascending. */
export function sortPool(lv: Float64Array, fl: Int32Array, cw: Float64Array, start: number, end: number): void {
  while (end - start > INSERTION_MAX) {
    const m = (start + end) >>> 1;
    const pl = lv[m]!;
    const pf = fl[m]!;
    let i = start;
    let j = end - 1;
    while (i <= j) {
      while (lv[i]! < pl || (lv[i] === pl && fl[i]! < pf)) i++;
      while (lv[j]! > pl || (lv[j] === pl && fl[j]! > pf)) j--;
      if (i <= j) {
        const l = lv[i]!;
        lv[i] = lv[j]!;
        lv[j] = l;
        const f = fl[i]!;
        fl[i] = fl[j]!;
        fl[j] = f;
        const c = cw[i]!;
        cw[i] = cw[j]!;
        cw[j] = c;
        i++;
        j--;
      }
    }
    // Recurse into the smaller side, loop on the larger: the depth stays logarithmic.
    if (j + 1 - start < end - i) {
      sortPool(lv, fl, cw, start, j + 1);
      start = i;
    } else {
      sortPool(lv, fl, cw, i, end);
      end = j + 1;
    }
  }
  insertionSort(lv, fl, cw, start, end);
}

function insertionSort(lv: Float64Array, fl: Int32Array, cw: Float64Array, start: number, end: number): void {
  for (let i = start + 1; i < end; i++) {
    const l = lv[i]!;
    const f = fl[i]!;
    const c = cw[i]!;
    let j = i - 1;
    while (j >= start && (lv[j]! > l || (lv[j] === l && fl[j]! > f))) {
      lv[j + 1] = lv[j]!;
      fl[j + 1] = fl[j]!;
      cw[j + 1] = cw[j]!;
      j--;
    }
    lv[j + 1] = l;
    fl[j + 1] = f;
    cw[j + 1] = c;
  }
}
