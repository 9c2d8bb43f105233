/**
 * The point-in-time side of CDP, as restores see it (DOMAIN.md claim 3:
 * any-point-in-time restore). A CDP design keeps a journal per machine on a
 * target (strategies/cdp/journal.ts); a restore asks it for the content of
 * every disk at an instant and reads that much from the target.
 *
 * This adapter is structural so restores never import a concrete design: a
 * design offers point-in-time restores when it has a `journal(machinePath)`
 * method returning something with `imageAt`. The journal's target is read
 * from `journalTarget(machinePath)` when the design has one; otherwise the
 * first estate target that holds a repository is assumed (the CDP design
 * writes to its chosen target; hook requested in the report).
 */
import type { FrozenImage } from '../../sim/disk/chunk-image.js';

export interface JournalWindowView {
  fromSec: number;
  toSec: number;
}

export type PointInTimeView =
  | { kind: 'image'; requestedSec: number; pointSec: number; images: FrozenImage[] }
  | { kind: 'outside-window'; requestedSec: number; window: JournalWindowView | null };

/** What a restore needs of a journal (CdpJournal fits). */
export interface JournalView {
  window(nowSec: number): JournalWindowView | null;
  imageAt(tSec: number, nowSec: number): PointInTimeView;
}

export interface JournalSource {
  /** The machine's journal and the estate target it lives on; undefined when the machine has none. */
  journalOf(machinePath: string): { journal: JournalView; targetName: string | undefined } | undefined;
}

interface DesignWithJournal {
  journal(machinePath: string): JournalView | undefined;
  journalTarget?(machinePath: string): string | undefined;
}

function hasJournal(design: object): design is DesignWithJournal {
  return typeof (design as Partial<DesignWithJournal>).journal === 'function';
}

/** The design's own journals, if it keeps any. */
export function journalSourceOf(design: object): JournalSource | undefined {
  if (!hasJournal(design)) return undefined;
  return {
    journalOf(machinePath) {
      const journal = design.journal(machinePath);
      if (journal === undefined || journal === null) return undefined;
      return { journal, targetName: design.journalTarget?.(machinePath) };
    },
  };
}
