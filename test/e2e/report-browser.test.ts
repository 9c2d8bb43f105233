/**
 * End to end in a real browser: headless Chromium (Debian's, at
 * /usr/bin/chromium; never a downloaded one) driven by playwright-core opens
 * from disk the reports `vmbsim run` writes for canonical scenarios, and
 * synthetic ones (markup in names, a sweep, 1,000 VMs over 30 days), and
 * checks what a reader gets: no console errors, no
 * network requests, every chart drawn non-empty with its series, toggles and
 * sorting working, names with markup shown as text, the charts there with
 * scripts off. It saves a screenshot per report and prints first-paint time.
 *
 * Skipped only when Chromium is absent outside CI; in CI (.ci/run installs
 * it) a missing browser fails the test.
 */
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allReports, type ReportCase, type ReportSource } from './report-sources.js';

const CHROMIUM = '/usr/bin/chromium';
const inCi = ['1', 'true'].includes((process.env.CI ?? '').toLowerCase());
const runnable = existsSync(CHROMIUM) || inCi;
if (!runnable) console.warn(`report-browser: skipped, ${CHROMIUM} is absent (install Debian's chromium; CI installs it in .ci/run)`);

const source: ReportSource = allReports;

interface Visit {
  page: Page;
  consoleErrors: string[];
  requests: string[];
  dialogs: string[];
}

async function open(browser: Browser, file: string, javaScriptEnabled = true): Promise<Visit> {
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const v: Visit = { page, consoleErrors: [], requests: [], dialogs: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') v.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => v.consoleErrors.push(e.message));
  page.on('request', (r) => {
    if (!/^(file|data):/.test(r.url())) v.requests.push(r.url());
  });
  page.on('dialog', (d) => {
    v.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`file://${file}`, { waitUntil: 'load' });
  return v;
}

/** Per chart instance of a kind: its series, its size and how many marks it drew. */
/** Elements of a locator that are displayed (evaluated in the page; tsconfig has no DOM lib, hence the cast). */
const shownCount = (els: unknown[]): number => {
  const view = globalThis as unknown as { getComputedStyle(e: unknown): { display: string } };
  return els.filter((e) => view.getComputedStyle(e).display !== 'none').length;
};

async function chartsOfKind(page: Page, kind: string): Promise<{ series: string[]; width: number; height: number; marks: number }[]> {
  return page.$$eval(`[data-chart="${kind}"]`, (els) =>
    els.map((el) => {
      const box = el.getBoundingClientRect();
      const marks = el.querySelectorAll('.marks path[d]:not([d=""]), .marks rect, .marks circle, .marks text, td, tbody tr').length;
      return { series: JSON.parse(el.getAttribute('data-series') ?? '[]') as string[], width: box.width, height: box.height, marks };
    }),
  );
}

describe.skipIf(!runnable)('the report in headless Chromium', () => {
  let browser: Browser;
  let cases: ReportCase[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'vmbsim-report-'));

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    cases = await source(dir);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('opens every report from disk with no console error, no network request and every chart drawn', async () => {
    for (const c of cases) {
      const v = await open(browser, c.file);
      expect(v.consoleErrors, `${c.name}: console errors`).toEqual([]);
      expect(v.requests, `${c.name}: network requests`).toEqual([]);
      expect(v.dialogs, `${c.name}: dialogs`).toEqual([]);
      for (const kind of c.charts) {
        const charts = await chartsOfKind(v.page, kind);
        expect(charts.length, `${c.name}: ${kind} charts`).toBeGreaterThan(0);
        for (const ch of charts) {
          expect(ch.series.length, `${c.name}: ${kind} series`).toBeGreaterThan(0);
          expect(ch.width * ch.height, `${c.name}: ${kind} size`).toBeGreaterThan(0);
          expect(ch.marks, `${c.name}: ${kind} marks`).toBeGreaterThan(0);
        }
        const want = c.series?.[kind];
        if (want !== undefined) expect(charts.map((ch) => ch.series), `${c.name}: ${kind} series`).toEqual(want);
      }
      const paint = await v.page.evaluate(() => {
        // In the page, performance is the browser's (its entry types include 'paint').
        const perf = performance as unknown as { getEntriesByType(type: string): { name: string; startTime: number }[] };
        return perf.getEntriesByType('paint').map((e) => `${e.name} ${e.startTime.toFixed(0)} ms`);
      });
      const shot = join(dir, `${c.name}.png`);
      // The whole page for the default scenario; the first screen for the rest (a full page of a long report costs seconds).
      await v.page.screenshot({ path: shot, fullPage: c.name === 'default' });
      const sizeMb = (statSync(c.file).size / 1e6).toFixed(2);
      console.log(`report-browser ${c.name}: ${sizeMb} MB; ${paint.join(', ') || 'no paint entries'}; screenshot ${shot}`);
      await v.page.context().close();
    }
  }, 180_000);

  it('shows names with markup as text and runs nothing from them', async () => {
    for (const c of cases.filter((x) => x.hostileText !== undefined)) {
      const v = await open(browser, c.file);
      expect(await v.page.locator('img').count()).toBe(0);
      expect(await v.page.locator('body').innerText()).toContain(c.hostileText!);
      expect(v.dialogs).toEqual([]);
      await v.page.context().close();
    }
  }, 60_000);

  it('hides a design everywhere when its toggle is cleared, and sorts the summary by a column', async () => {
    const c = cases.find((x) => x.name === 'default')!;
    const v = await open(browser, c.file);
    const p = v.page;
    await expect(p.locator('.controls').isVisible()).resolves.toBe(true);
    const tagged = p.locator('[data-design="0"]');
    const before = await tagged.evaluateAll(shownCount);
    expect(before).toBeGreaterThan(0);
    await p.locator('input[data-toggle-design="0"]').uncheck();
    expect(await tagged.evaluateAll(shownCount)).toBe(0);
    await p.locator('input[data-toggle-design="0"]').check();
    expect(await tagged.evaluateAll(shownCount)).toBe(before);
    const column = p.locator('table.summary-backup thead th', { hasText: 'backup window, mean' });
    await column.click();
    const values = await p.$$eval('table.summary-backup tbody tr', (rows) => rows.map((r) => Number(r.cells[1]?.getAttribute('data-v'))));
    expect(values).toEqual([...values].sort((a, b) => a - b));
    await column.click();
    const desc = await p.$$eval('table.summary-backup tbody tr', (rows) => rows.map((r) => Number(r.cells[1]?.getAttribute('data-v'))));
    expect(desc).toEqual([...values].sort((a, b) => b - a));
    await p.context().close();
  }, 60_000);

  it('fits the summary tables of every canonical report in a 1280 px window and on a printed A4 page, without scrolling sideways', async () => {
    for (const c of cases.filter((x) => !x.synthetic)) {
      const v = await open(browser, c.file);
      const overflow = () =>
        v.page.$$eval('table.summary', (tables) => tables.map((t) => ({ table: t.getBoundingClientRect().width, room: (t.parentElement ?? t).clientWidth })).filter((x) => x.table > x.room + 0.5));
      expect(await overflow(), `${c.name} on screen`).toEqual([]);
      // An A4 page is 794 px wide at 96 dpi.
      await v.page.setViewportSize({ width: 794, height: 1123 });
      await v.page.emulateMedia({ media: 'print' });
      expect(await overflow(), `${c.name} printed on A4`).toEqual([]);
      await v.page.context().close();
    }
  }, 60_000);

  it('states each claim the default scenario checks, not its bare number', async () => {
    const v = await open(browser, cases.find((x) => x.name === 'default')!.file);
    const claims = await v.page.locator('table.claims').innerText();
    expect(claims).toContain('claim 1\tAgent-based backup degrades applications more as VMs per host grow');
    expect(claims).toContain('claim 11\tA product that lacks support for a hypervisor');
    await v.page.context().close();
  }, 60_000);

  it('keeps every chart with scripts off', async () => {
    const c = cases.find((x) => x.name === 'default')!;
    const v = await open(browser, c.file, false);
    expect(await v.page.locator('svg.chart').count()).toBeGreaterThan(10);
    expect(await v.page.locator('.controls').isVisible()).toBe(false);
    await v.page.context().close();
  }, 60_000);
});
