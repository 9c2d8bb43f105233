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
 * value, or for no value at all. `pair` formats both values in one unit.
 */
export function compareReading(items: readonly Named[], better: 'min' | 'max', what: string, pair: (a: number, b: number) => [string, string]): string {
  const e = extremes(items, better);
  // `what` opens with its superlative ("shortest backup window"); the rest names the figure.
  const figureName = what.replace(/^\S+ /, '');
  if (e === null) return `No design has a value for ${figureName}.`;
  const [a, b] = pair(e.best.value!, e.worst.value!);
  const known = items.filter((i) => i.value !== null && Number.isFinite(i.value)).length;
  if (known > 1 && e.best.value === e.worst.value) return `All ${known} designs are equal on ${figureName}: ${a}.`;
  if (known === 1) return `${e.best.name} has the ${what}: ${a} (the only design with a value).`;
  return `${e.best.name} has the ${what}: ${a} vs ${b} (${e.worst.name}).`;
}
