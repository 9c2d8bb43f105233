/**
 * `vmbsim merge`: slices of a sharded sweep back into the file an unsharded
 * sweep writes. The slices must come from the same sweep (scenario, seeds,
 * grid, vmbsim version) and cover every shard exactly once.
 */
import type { SweepResultsFile } from '../results-file.js';
import { assembleSweep, type JobOutcome } from './assemble.js';

export class MergeError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'MergeError';
  }
}

export function mergeSlices(slices: readonly { file: string; data: SweepResultsFile }[]): SweepResultsFile {
  if (slices.length === 0) throw new MergeError('no slices to merge');
  const first = slices[0]!;
  const count = first.data.shard?.count;
  const same = (d: SweepResultsFile): string => JSON.stringify([d.generator, d.scenario, d.seeds, d.vary, d.points.map((p) => p.assignment)]);
  const key = same(first.data);
  const seen = new Map<number, string>();
  for (const { file, data } of slices) {
    if (data.shard === undefined) throw new MergeError(`${file}: not a slice of a sharded sweep (no shard)`);
    if (data.shard.count !== count) throw new MergeError(`${file}: slice of ${data.shard.count} shards, ${first.file} is of ${count}`);
    if (same(data) !== key) throw new MergeError(`${file}: from a different sweep than ${first.file} (scenario, seeds, grid or vmbsim version differ)`);
    const dup = seen.get(data.shard.index);
    if (dup !== undefined) throw new MergeError(`${file}: shard ${data.shard.index}/${count} already given by ${dup}`);
    seen.set(data.shard.index, file);
  }
  const missing = Array.from({ length: count! }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new MergeError(`missing shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')}`);
  const d = first.data;
  const outcomes: JobOutcome[] = [];
  for (const { data } of slices) {
    data.points.forEach((p, pointIndex) => {
      for (const r of p.runs) outcomes.push({ pointIndex, seedIndex: d.seeds.indexOf(r.seed), runSeed: r.runSeed, designs: r.designs });
    });
  }
  return assembleSweep({ generator: d.generator, scenario: d.scenario, seeds: d.seeds, vary: d.vary, points: d.points.map((p) => p.assignment) }, outcomes);
}
