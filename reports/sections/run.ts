/** A run's full report body: header, summary, then every section in reading order. */
import { capabilitiesSection } from './capabilities.js';
import { impactSection } from './impact.js';
import { scenarioHeader, summarySection } from './overview.js';
import { recoverySection } from './recovery.js';
import { storageSection } from './storage.js';
import { timelineSection } from './timeline.js';
import { utilisationSection } from './utilisation.js';
import type { RunView } from './view.js';
import { windowsSection } from './windows.js';

export const RUN_SECTIONS = [
  { id: 'summary', title: 'Summary', render: summarySection },
  { id: 'windows', title: 'Backup window', render: windowsSection },
  { id: 'impact', title: 'Production impact', render: impactSection },
  { id: 'timeline', title: 'Job timeline', render: timelineSection },
  { id: 'utilisation', title: 'Utilisation', render: utilisationSection },
  { id: 'storage', title: 'Storage and network', render: storageSection },
  { id: 'recovery', title: 'Recovery', render: recoverySection },
  { id: 'capabilities', title: 'Capabilities', render: capabilitiesSection },
] as const;

export function contents(run: RunView): string {
  return `<nav class="toc"><p>${RUN_SECTIONS.map((s) => `<a href="#${run.id}-${s.id}">${s.title}</a>`).join(' · ')}</p></nav>`;
}

export function runBody(run: RunView): string {
  return [scenarioHeader(run), contents(run), ...RUN_SECTIONS.map((s) => s.render(run))].join('\n');
}
