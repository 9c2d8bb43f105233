/**
 * One-line readings computed from the data: which design is best and worst
 * on a figure, in words, with the values formatted in one unit.
 */
export interface Named {
  name: string;
  value: number | null;
}

/** The best and worst of the named values that exist (null when none; ties go to the first in order). */
export function extremes(items: readonly Named[], better: 'min' | 'max'): { best: Named; worst: Named } | null {
  const known = items.filter((i): i is Named & { value: number } => i.value !== null && Number.isFinite(i.value));
  if (known.length === 0) return null;
  const sign = better === 'min' ? 1 : -1;
  let best = known[0]!;
  let worst = known[0]!;
  for (const k of known) {
    if (sign * k.value < sign * best.value) best = k;
    if (sign * k.value > sign * worst.value) worst = k;
  }
  return { best, worst };
}

/**
 * `<best> has the <what>: <a> vs <b> (<worst>)`, or a sentence for a single
 * value, for values equal as shown, or for no value at all. `pair` formats
 * both values in one unit; `noun` names what the items are (`designs`, or
 * `distributions` in a sweep).
 */
export function compareReading(items: readonly Named[], better: 'min' | 'max', what: string, pair: (a: number, b: number) => [string, string], noun = 'designs'): string {
  const e = extremes(items, better);
  // `what` opens with its superlative ("shortest backup window"); the rest names the figure.
  const figureName = what.replace(/^\S+ /, '');
  if (e === null) return `No ${noun.replace(/s$/, '')} has a value for ${figureName}.`;
  const [a, b] = pair(e.best.value!, e.worst.value!);
  const known = items.filter((i) => i.value !== null && Number.isFinite(i.value)).length;
  if (known > 1 && e.best.value === e.worst.value) return `All ${known} ${noun} are equal on ${figureName}: ${a}.`;
  // Values that differ only below the precision shown would read "67.5 s vs 67.5 s": call them equal, and say so.
  if (known > 1 && a === b) return `All ${known} ${noun} are equal on ${figureName} to the precision shown: ${a}.`;
  if (known === 1) return `${e.best.name} has the ${what}: ${a} (the only ${noun.replace(/s$/, '')} with a value).`;
  return `${e.best.name} has the ${what}: ${a} vs ${b} (${e.worst.name}).`;
}
