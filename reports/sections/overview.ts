/**
 * The top of a run's report: what was run (scenario, seed, days, designs),
 * the scenario's claims, the summary table and the job failures.
 */
import { claimRow } from '../claims.js';
import { count } from '../format.js';
import { esc } from '../html.js';
import { summaryTable } from './summary.js';
import { section, type RunView } from './view.js';

const MAX_FAILURES = 30;

/** The claims a scenario checks, each with its statement (DOMAIN.md's, or the scenario's own text). */
export function claimsTable(claims: readonly string[]): string {
  if (claims.length === 0) return '';
  const rows = claims.map(claimRow).map((c) => `<tr><th class="text" scope="row">${esc(c.label)}</th><td class="text">${esc(c.statement)}</td></tr>`);
  return `<h3>Claims this scenario checks</h3><table class="claims"><tbody>${rows.join('')}</tbody></table>`;
}

export function scenarioHeader(run: RunView): string {
  const f = run.file;
  const claims = claimsTable(f.scenario.claims);
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
  const body = `${summaryTable(run.designs)}<p class="note">★ marks the best value in each column as shown (every design that shows it; none when all show the same). Click a column header to sort. RTO is the mean time from a restore request to service back; n/a: the design cannot deliver that restore; not run: the scenario did not ask for it.</p><h3>Jobs and failures</h3>${failures(run)}`;
  return section(`${run.id}-summary`, `${run.label}Summary`, body);
}
