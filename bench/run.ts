/**
 * `npm run bench [-- topic...]`: runs the benchmark topics in order.
 * Benchmarks are never part of `npm test` (DEVELOPERS.md: speed targets live here).
 */
const topics: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  engine: () => import('./engine.bench.js'),
  solver: () => import('./solver.bench.js'),
  disk: () => import('./disk.bench.js'),
  backup: () => import('./backup.bench.js'),
  repository: () => import('./repository.bench.js'),
  report: () => import('./report.bench.js'),
  cli: () => import('./cli.bench.js'),
  scenario: () => import('./scenario.bench.js'),
};

const wanted = process.argv.slice(2);
for (const name of wanted) {
  if (!(name in topics)) {
    console.error(`unknown benchmark topic ${JSON.stringify(name)}; known: ${Object.keys(topics).join(', ')}`);
    process.exit(2);
  }
}
for (const [name, load] of Object.entries(topics)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  const mod = await load();
  await mod.run();
}
