/**
 * Restore drill figures as the report reads them: which kinds were asked
 * for, each kind's RTO when it was delivered, and a verification verdict.
 * Verification is a check of a backup (boot and test it without restoring),
 * not a restore of service, so it has a verdict and a duration but no RTO.
 */
import type { DesignResult, RestoreKindFigures } from '../input-types.js';

export const VERIFICATION = 'verification';

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Every restore kind any design was asked for, in first-seen order. */
export function restoreKinds(designs: readonly DesignResult[]): string[] {
  const kinds: string[] = [];
  for (const d of designs) for (const k of d.restores) if (!kinds.includes(k.kind)) kinds.push(k.kind);
  return kinds;
}

/** The restore kinds that bring a service back, so have an RTO: all but verification. */
export function rtoKinds(designs: readonly DesignResult[]): string[] {
  return restoreKinds(designs).filter((k) => k !== VERIFICATION);
}

export function restoreOf(r: DesignResult, kind: string): RestoreKindFigures | undefined {
  return r.restores.find((x) => x.kind === kind);
}

/** A restore kind's RTO (request to service back, mean) when it was delivered; null when unsupported or failed. */
export function restoreSec(r: DesignResult, kind: string): number | null {
  const k = restoreOf(r, kind);
  return k === undefined || k.done === 0 ? null : finite(k.serviceSec.mean);
}

/** Why a kind has no time: the design cannot do it, it failed, or it was not asked for. */
export function missingText(k: RestoreKindFigures | undefined): string {
  if (k === undefined) return 'not run';
  return k.unsupported > 0 && k.done === 0 && k.failed === 0 ? 'n/a' : k.failed > 0 && k.done === 0 ? 'failed' : '–';
}

export type Verdict = { state: 'passed' | 'failed' | 'partly'; text: string } | { state: 'none'; text: string };

/** Verification's outcome: how many backups were checked, how many passed, and how long a check took. */
export function verificationVerdict(r: DesignResult): Verdict {
  const k = restoreOf(r, VERIFICATION);
  if (k === undefined || k.done + k.failed === 0) return { state: 'none', text: missingText(k) };
  const tried = k.done + k.failed;
  if (k.failed === 0) return { state: 'passed', text: `passed ${k.done}/${tried}` };
  if (k.done === 0) return { state: 'failed', text: `failed ${k.failed}/${tried}` };
  return { state: 'partly', text: `${k.done}/${tried} passed, ${k.failed} failed` };
}
