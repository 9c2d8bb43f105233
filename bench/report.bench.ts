/**
 * Report generation on a large results file: 1,000 VMs, 30 days, 4 designs
 * (synthetic, test/support/report-fixtures.ts, with 10-minute buckets: longer
 * series than the results writer's bounded 480 buckets). Target: < 1 s, and
 * the page < 5 MB.
 */
import { renderReport } from '../reports/index.js';
import { syntheticRun } from '../test/support/report-fixtures.js';
import { runTasks } from './harness.js';

export async function run(): Promise<void> {
  const big = syntheticRun({ vms: 1000, days: 30, designs: 4 });
  const small = syntheticRun({ vms: 24, days: 3, designs: 3 });
  const bytes = Buffer.byteLength(renderReport(big));
  await runTasks('report', [
    { name: 'renderReport, 1,000 VMs x 30 days x 4 designs', fn: () => renderReport(big), target: '< 1 s' },
    { name: 'renderReport, 24 VMs x 3 days x 3 designs', fn: () => renderReport(small) },
  ]);
  console.log(`- report size, 1,000 VMs x 30 days x 4 designs: ${(bytes / 1e6).toFixed(2)} MB (target < 5 MB)`);
}
