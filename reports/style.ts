/** The report's stylesheet, inlined in the page head; print rules at the end. */
export const REPORT_CSS = `
:root { --ink: #1f2328; --muted: #57606a; --rule: #d0d7de; --best: #1a7f37; --bad: #cf222e; --warn: #9a6700; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0 auto; max-width: 1180px; padding: 16px 24px 48px; }
h1 { font-size: 24px; margin: 8px 0 2px; }
h2 { font-size: 19px; margin: 32px 0 8px; border-bottom: 1px solid var(--rule); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 4px; }
.subtitle, .note { color: var(--muted); margin: 2px 0 8px; }
.claims th { white-space: nowrap; }
.claims td.text { white-space: normal; }
.controls { position: sticky; top: 0; background: #fff; border-bottom: 1px solid var(--rule); padding: 6px 0; z-index: 2; display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: center; }
.controls[hidden] { display: none; }
.controls label { cursor: pointer; white-space: nowrap; }
.swatch { display: inline-block; width: 11px; height: 11px; margin: 0 4px 0 2px; vertical-align: -1px; border-radius: 2px; }
figure { margin: 10px 0 18px; break-inside: avoid; }
figcaption { font-weight: 600; margin-bottom: 2px; }
.reading { margin: 0 0 4px; }
.legend { list-style: none; padding: 0; margin: 2px 0 4px; display: flex; flex-wrap: wrap; gap: 2px 14px; font-size: 12px; color: var(--muted); }
svg.chart { display: block; max-width: 100%; height: auto; font-size: 11px; overflow: visible; }
svg.chart text { fill: var(--ink); }
svg.chart .axis line, svg.chart .axis path { stroke: #8c959f; shape-rendering: crispEdges; }
svg.chart .grid line { stroke: #eaeef2; shape-rendering: crispEdges; }
svg.chart .axis-label { fill: var(--muted); }
svg.chart .value { fill: var(--muted); }
table { border-collapse: collapse; font-size: 12.5px; margin: 6px 0 12px; }
.table-wrap { overflow-x: auto; }
th, td { border-bottom: 1px solid var(--rule); padding: 4px 8px; text-align: right; vertical-align: top; }
td { white-space: nowrap; }
td.text { white-space: normal; min-width: 9em; }
td.label { text-align: left; }
td.why { text-align: left; white-space: normal; min-width: 22em; }
tbody th { white-space: nowrap; }
th:first-child, td:first-child, td.text, th.text { text-align: left; }
thead th { background: #f6f8fa; position: sticky; top: 0; }
.js th[data-sort] { cursor: pointer; }
.js th[data-sort]::after { content: " \\2195"; color: var(--muted); font-weight: 400; }
th[aria-sort="ascending"]::after { content: " \\2191"; }
th[aria-sort="descending"]::after { content: " \\2193"; }
td.best { color: var(--best); font-weight: 700; }
td.best::after { content: " \\2605"; }
td.good { background: #dafbe1; }
td.warn { background: #fff8c5; }
td.bad { background: #ffebe9; }
td.none { color: var(--muted); }
.off { display: none !important; }
.capped { color: var(--warn); font-size: 12px; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  .controls { display: none !important; }
  h2 { break-before: auto; break-after: avoid; }
  figure, table { break-inside: avoid; }
  thead th { position: static; }
  .table-wrap { overflow: visible; }
  table { font-size: 9.5px; }
  th, td { padding: 2px 4px; }
  td { white-space: normal; }
  th[data-sort]::after { content: none !important; }
  .legend { font-size: 10px; }
  a { color: inherit; text-decoration: none; }
}
`;
