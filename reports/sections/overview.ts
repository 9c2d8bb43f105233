/**
 * The top of a run's report: what was run (scenario, seed, days, designs),
 * the scenario's claims, the summary table and the job failures.
 */
import { count } from '../format.js';
import { esc } from '../html.js';
import { summaryTable } from './summary.js';
import { section, type RunView } from './view.js';

const MAX_FAILURES = 30;

export function scenarioHeader(run: RunView): string {
  const f = run.file;
  const claims = f.scenario.claims.length === 0 ? '' : `<h3>Claims this scenario checks</h3><ul class="claims">${f.scenario.claims.map((c) => `<li>${esc(c)}</li>`).join('')}</ul>`;
  const meta = `Scenario ${f.scenario.name}, seed ${String(f.seed)}, ${count(f.days)} days, ${f.designs.length} designs; ${f.generator.name} ${f.generator.version}.`;
  return `<p>${esc(f.scenario.description)}</p><p class="note">${esc(meta)}</p>${claims}`;
}

function failures(run: RunView): string {
  const all = run.designs.flatMap((d) => d.r.failures.map((x) => ({ d, x })));
  const jobs = run.designs.map((d) => `${d.name}: ${count(d.r.jobs.total)} jobs, ${count(d.r.jobs.failed)} failed, ${count(d.r.jobs.degraded)} degraded`).join('; ');
  if (all.length === 0) return `<p class="note">${esc(jobs)}. No job failed.</p>`;
  const rows = all
    .slice(0, MAX_FAILURES)
    .map(({ d, x }) => `<tr data-design="${d.index}"><td class="text">${esc(d.name)}</td><td class="text">${esc(x.machine)}</td><td class="text">${esc(x.kind)}</td><td>${esc(String(Math.round(x.startSec)))}</td><td class="text">${esc(x.reason)}</td></tr>`)
    .join('');
  const more = all.length > MAX_FAILURES ? `<p class="capped">${count(all.length - MAX_FAILURES)} more failures are not listed.</p>` : '';
  return `<p class="note">${esc(jobs)}.</p><div class="table-wrap"><table><thead><tr><th class="text">design</th><th class="text">machine</th><th class="text">job</th><th>start (s)</th><th class="text">reason</th></tr></thead><tbody>${rows}</tbody></table></div>${more}`;
}

export function summarySection(run: RunView): string {
  const body = `${summaryTable(run.designs)}<p class="note">★ marks the best value in each column (every design that ties for it). Click a column header to sort. RTO is the mean time from a restore request to service back; n/a: the design cannot deliver that restore.</p><h3>Jobs and failures</h3>${failures(run)}`;
  return section(`${run.id}-summary`, `${run.label}Summary`, body);
}
