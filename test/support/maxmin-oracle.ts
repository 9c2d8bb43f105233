/**
 * An independent, deliberately plain weighted max-min computation, used only
 * as the oracle for the incremental solver. It raises every unfrozen flow's
 * rate in proportion to its weight by the largest step that saturates no
 * resource and passes no cap, freezes what that step saturated or capped, and
 * repeats. Quadratic and slow, written to be obviously right.
 */
export interface OracleFlow {
  route: { r: number; coef: number }[];
  weight: number;
  cap: number; // Infinity for none
}

export function maxMinOracle(capacities: readonly number[], flows: readonly OracleFlow[]): number[] {
  const rate = flows.map(() => 0);
  const frozen = flows.map(() => false);
  const rem = capacities.slice();
  const EPS = 1e-12;
  for (let round = 0; round <= flows.length + capacities.length; round++) {
    const w = capacities.map(() => 0);
    let anyUnfrozen = false;
    flows.forEach((f, i) => {
      if (frozen[i]) return;
      anyUnfrozen = true;
      for (const hop of f.route) w[hop.r]! += hop.coef * f.weight;
    });
    if (!anyUnfrozen) return rate;
    let step = Infinity;
    for (let r = 0; r < capacities.length; r++) if (w[r]! > 0) step = Math.min(step, Math.max(0, rem[r]!) / w[r]!);
    flows.forEach((f, i) => {
      if (!frozen[i] && f.cap !== Infinity) step = Math.min(step, (f.cap - rate[i]!) / f.weight);
    });
    flows.forEach((f, i) => {
      if (!frozen[i]) rate[i]! += f.weight * step;
    });
    for (let r = 0; r < capacities.length; r++) rem[r]! -= w[r]! * step;
    flows.forEach((f, i) => {
      if (frozen[i]) return;
      if (f.cap !== Infinity && rate[i]! >= f.cap * (1 - EPS)) frozen[i] = true;
      for (const hop of f.route) if (rem[hop.r]! <= EPS * capacities[hop.r]!) frozen[i] = true;
    });
  }
  throw new Error('oracle did not converge');
}

/** |a - b| within `rel` of the larger magnitude, or within `abs`. */
export function close(a: number, b: number, rel: number, abs: number): boolean {
  if (a === b) return true;
  return Math.abs(a - b) <= Math.max(rel * Math.max(Math.abs(a), Math.abs(b)), abs);
}
