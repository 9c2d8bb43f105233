/**
 * Where a restore from a CDP design finds its data: the machine's journal,
 * which rebuilds every disk at the instant asked (the newest instant it holds
 * for `latest`). A CDP design's repository holds only its initial sync, so a
 * VM, disk or file restore read from there would bring back the machine as
 * it was on day 0 while the design reports an RPO of seconds; with a journal,
 * every restore kind reads the journal's image, from the target the journal
 * lives on. Like a repository point, the instant is the newest the journal
 * holds at or before the one asked (`latest`: its newest); a time before
 * the journal's window is a failed restore, with the window in the reason.
 */
import type { FrozenImage } from '../../sim/disk/chunk-image.js';
import { fail } from '../../sim/engine/errors.js';
import type { BackupTarget } from '../../sim/estate/targets.js';
import type { ProtectedMachine } from '../../sim/world/world.js';
import { holdsRepository } from '../runner/bind-repositories.js';
import type { ResolvedDrill } from './drill.js';
import type { DrillEnv } from './env.js';
import type { RestoreDraft } from './report.js';
import { instantText } from '../time-text.js';

export interface JournalImages {
  /** The instant the images hold. */
  pointSec: number;
  images: FrozenImage[];
  /** The target the journal lives on: restores read from it. */
  target: BackupTarget;
}

export type JournalLocation = { ok: true; at: JournalImages } | { ok: false; reason: string };

/** The drill's instant from `m`'s journal, noting the source on the draft; undefined when the design keeps no journal of `m`. */
export function locateInJournal(env: DrillEnv, drill: ResolvedDrill, m: ProtectedMachine, draft: RestoreDraft): JournalLocation | undefined {
  const source = env.journals?.journalOf(m.path);
  if (source === undefined) return undefined;
  // The newest instant at or before the one asked: 'latest' and a time past the window's end both get its end.
  const asked = drill.point === 'latest' ? env.sim.now : drill.point.atOrBeforeSec;
  const window = source.journal.window(env.sim.now);
  const t = window === null ? asked : Math.min(asked, window.toSec);
  const p = source.journal.imageAt(t, env.sim.now);
  if (p.kind === 'outside-window') {
    const w = p.window === null ? 'it holds nothing yet (initial sync not on the target)' : `it holds ${instantText(p.window.fromSec)} to ${instantText(p.window.toSec)}`;
    return { ok: false, reason: `${instantText(t)} is outside the journal of ${m.path}: ${w}` };
  }
  const target = journalTarget(env, source.targetName);
  draft.pointSec = p.pointSec;
  draft.source = target.name;
  draft.notes.push(`read from the journal of ${m.path} on ${target.name}`);
  return { ok: true, at: { pointSec: p.pointSec, images: p.images, target } };
}

/** The journal's target: the one the design names, else the estate's first target that holds a repository. */
function journalTarget(env: DrillEnv, name: string | undefined): BackupTarget {
  if (name !== undefined) return env.ctx.world.estate.target(name);
  const first = env.ctx.world.estate.targets.find(holdsRepository);
  if (first === undefined) fail('a journal exists but the estate has no target to hold it');
  return first;
}
