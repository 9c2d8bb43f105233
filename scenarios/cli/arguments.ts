/** Command-line values checked where they are parsed, each error naming its argument. */
import { UsageError } from './errors.js';

/** A whole number stays a number; anything else is a string seed (both are valid engine seeds). */
export function parseSeed(text: string): number | string {
  const t = text.trim();
  if (t === '') throw new UsageError('--seed: empty seed');
  if (/^-?\d+$/.test(t)) {
    const n = Number(t);
    if (!Number.isSafeInteger(n)) throw new UsageError(`--seed: ${t} is not a safe integer`);
    return n;
  }
  return t;
}

export function parseWorkers(text: string): number {
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`--workers: expected a whole number >= 1, got ${JSON.stringify(text)}`);
  return Number(text.trim());
}
