/**
 * HTML building blocks: escaping and the page shell.
 *
 * Every string that came from a scenario (machine, host, design, resource and
 * file names, descriptions, failure reasons) passes through `esc` before it
 * reaches the page, in text and in attribute values alike; a machine called
 * `<img src=x onerror=alert(1)>` renders as those characters. The page has
 * one inline script (reports/script.ts) and no inline event handlers.
 */
import { REPORT_CSS } from './style.js';
import { REPORT_SCRIPT } from './script.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or attribute value made inert: the five HTML-significant characters become entities. */
export function esc(text: string | number | boolean): string {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** ` name="value"` with the value escaped; empty for undefined. */
export function attr(name: string, value: string | number | undefined): string {
  return value === undefined ? '' : ` ${name}="${esc(value)}"`;
}

/** A JSON array of names, escaped for an attribute (data-series). */
export function namesAttr(name: string, names: readonly string[]): string {
  return attr(name, JSON.stringify(names));
}

/** A design toggle shown above the report (only when scripts run). */
export interface DesignToggle {
  index: number;
  name: string;
  color: string;
}

export interface PageSpec {
  title: string;
  subtitle: string;
  designs: readonly DesignToggle[];
  body: string;
}

function toggles(designs: readonly DesignToggle[]): string {
  if (designs.length < 2) return '';
  const items = designs
    .map(
      (d) =>
        `<label><input type="checkbox" checked data-toggle-design="${d.index}"><span class="swatch" style="background:${d.color}"></span>${esc(d.name)}</label>`,
    )
    .join('');
  return `<div class="controls" hidden><span>Designs shown:</span>${items}</div>`;
}

/** The whole self-contained document: inline CSS, inline SVG, one inline script. */
export function page(spec: PageSpec): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'">`,
    `<title>${esc(spec.title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    `<header><h1>${esc(spec.title)}</h1><p class="subtitle">${esc(spec.subtitle)}</p></header>`,
    toggles(spec.designs),
    '<main>',
    spec.body,
    '</main>',
    `<script>${REPORT_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
