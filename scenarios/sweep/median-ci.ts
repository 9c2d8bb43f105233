/**
 * The median of a sample and a distribution-free 95% confidence interval for
 * it from order statistics: with n values sorted, the interval
 * [x(l), x(n-l+1)] covers the population median with probability
 * 1 - 2 P(Bin(n, 1/2) < l). l is the largest rank keeping that >= 95%. For
 * n < 6 no pair of order statistics reaches 95%, and the interval is the
 * whole range (its coverage is 1 - 2^(1-n): 50% at n = 2, 94% at n = 5).
 */
import type { MetricAggregate } from '../results-file.js';

/** P(Bin(n, 1/2) <= k), summed exactly in log space so large n neither overflows nor underflows. */
export function binomialHalfCdf(n: number, k: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  let logTerm = -n * Math.LN2; // log C(n,0) 2^-n
  let sum = Math.exp(logTerm);
  for (let i = 1; i <= k; i++) {
    logTerm += Math.log((n - i + 1) / i);
    sum += Math.exp(logTerm);
  }
  return Math.min(1, sum);
}

/** The 1-based rank l of the lower bound (1 when n is too small for 95%). */
export function lowerRank(n: number, alpha = 0.05): number {
  let l = 1;
  // P(X < l) = cdf(l - 1) must stay <= alpha / 2.
  while (l + 1 <= n - l && binomialHalfCdf(n, l) <= alpha / 2) l++;
  return l;
}

export function aggregate(values: readonly number[]): MetricAggregate {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const n = xs.length;
  if (n === 0) return { n: 0, median: 0, ciLow: 0, ciHigh: 0, min: 0, max: 0 };
  const median = n % 2 === 1 ? xs[(n - 1) / 2]! : (xs[n / 2 - 1]! + xs[n / 2]!) / 2;
  const l = lowerRank(n);
  return { n, median, ciLow: xs[l - 1]!, ciHigh: xs[n - l]!, min: xs[0]!, max: xs[n - 1]! };
}
