/**
 * Command-line entry (`npm start`). Until the scenario files and the full
 * `vmbsim` command exist (issue 5), it runs the built-in default scenario
 * (scenarios/default.ts) with every read pattern and prints the comparison.
 */
import { READ_PATTERNS, runPattern } from '../scenarios/default.js';

const seedArg = process.argv.find((a) => a.startsWith('--seed='));
const seed = seedArg !== undefined ? seedArg.slice('--seed='.length) : '1';

const rows = READ_PATTERNS.map((p) => runPattern(p, seed));
const fmt = (x: number, digits: number): string => x.toFixed(digits);
console.log(`vmbsim default scenario (seed ${seed}): 40 VMs on 4 hosts, one SAN datastore, 40 GB read per VM from 22:00\n`);
console.log('pattern        window   throughput   night latency inflation      delivered/demanded');
console.log('               (h)      (MB/s)       p95 worst VM   mean          worst VM');
for (const r of rows) {
  console.log(
    `${r.pattern.padEnd(14)} ${fmt(r.backupWindowSec / 3600, 2).padStart(6)}   ${fmt(r.throughputBytesPerSec / 1e6, 1).padStart(10)}   ` +
      `${fmt(r.nightLatencyInflationP95Max, 2).padStart(12)}   ${fmt(r.nightLatencyInflationMeanAvg, 2).padStart(11)}   ${fmt(r.nightDeliveredRatioMin, 3).padStart(16)}`,
  );
}
