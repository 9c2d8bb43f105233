/**
 * A design's result as it goes in a results file, with every per-machine and
 * per-job list bounded whatever the estate size: the machines with the worst
 * recovery point gaps, the first unprotected machines and failures. What was
 * left out is counted in `omitted`. The series are bounded already
 * (strategies/results-series.ts).
 */
import type { DesignResult } from '../strategies/results.js';

export const FILE_LIMITS = { machines: 200, unprotected: 200, failures: 200, drills: 1000, jobNotes: 100 } as const;

export function boundForFile(r: DesignResult): DesignResult {
  const rows = r.recoveryPoints.machines;
  const drills = r.drills?.length ?? 0;
  const notes = r.jobNotes?.length ?? 0;
  if (rows.length <= FILE_LIMITS.machines && r.unprotected.length <= FILE_LIMITS.unprotected && r.failures.length <= FILE_LIMITS.failures && drills <= FILE_LIMITS.drills && notes <= FILE_LIMITS.jobNotes) return r;
  // The worst gaps first (no point at all is the worst), ties in estate order; then back to estate order.
  const gap = (g: number | null): number => (g === null ? Infinity : g);
  const order = rows.map((m, i) => ({ m, i }));
  const kept = new Set(
    order
      .sort((a, b) => gap(b.m.maxGapSec) - gap(a.m.maxGapSec) || a.i - b.i)
      .slice(0, FILE_LIMITS.machines)
      .map((x) => x.m.machine),
  );
  return {
    ...r,
    recoveryPoints: { ...r.recoveryPoints, machines: rows.filter((m) => kept.has(m.machine)) },
    consistency: r.consistency.filter((c) => kept.has(c.machine)),
    unprotected: r.unprotected.slice(0, FILE_LIMITS.unprotected),
    failures: r.failures.slice(0, FILE_LIMITS.failures),
    ...(r.drills === undefined ? {} : { drills: r.drills.slice(0, FILE_LIMITS.drills) }),
    ...(r.jobNotes === undefined ? {} : { jobNotes: r.jobNotes.slice(0, FILE_LIMITS.jobNotes) }),
    omitted: {
      machines: Math.max(0, rows.length - kept.size),
      unprotected: Math.max(0, r.unprotected.length - FILE_LIMITS.unprotected),
      failures: Math.max(0, r.failures.length - FILE_LIMITS.failures),
      // Only when drill rows or note groups were cut, so files without that many keep their shape.
      ...(drills > FILE_LIMITS.drills ? { drills: drills - FILE_LIMITS.drills } : {}),
      ...(notes > FILE_LIMITS.jobNotes ? { jobNotes: notes - FILE_LIMITS.jobNotes } : {}),
    },
  };
}
