/**
 * Classifies an image of an application's disk by looking at its content,
 * never at a label (DESIGN.md, decision 7).
 *
 * Input: the image (chunk content at a point) and the application's capture at
 * the same point (what it had committed but not yet written). Each pending
 * write is checked content id for content id: present if the image holds it,
 * missing otherwise. Then:
 * - quiesced and nothing missing: `application-consistent`;
 * - otherwise the application's crash-recovery trait decides: a log replays
 *   the missing work (a time cost: start-up plus missing bytes / replay speed),
 *   an application without a journal is `damaged` if anything is missing, and
 *   an application with no in-memory state restarts like a file server.
 */
import { CONSISTENCY_TRAITS, type CrashRecovery } from './applications.js';
import type { ChunkImage } from '../disk/chunk-image.js';
import type { AppCapture } from './app-instance.js';

export interface WorkAccount {
  app: string;
  /** Pending (committed, in-memory) writes at capture that the image holds, one per chunk. */
  presentWrites: number;
  /** Pending writes the image lacks (one per chunk), and their chunks in commit order. */
  missingWrites: number;
  missingBytes: number;
  missingChunks: Uint32Array;
}

export type ConsistencyVerdict =
  | ({ kind: 'application-consistent' } & WorkAccount)
  | ({ kind: 'crash-consistent-recoverable'; replaySeconds: number } & WorkAccount)
  | ({ kind: 'damaged'; reason: 'unflushed-work-without-journal' } & WorkAccount);

export type ConsistencyKindOfImage = ConsistencyVerdict['kind'];

/**
 * Compares the capture's pending writes with the image. A pending write that
 * a later pending write to the same chunk supersedes is not counted: the later
 * one carries that chunk's committed state.
 */
export function accountWork(image: ChunkImage, capture: AppCapture): WorkAccount {
  const last = new Map<number, number>();
  for (let k = 0; k < capture.pendingChunks.length; k++) last.set(capture.pendingChunks[k]!, k);
  const missing: number[] = [];
  let present = 0;
  for (let k = 0; k < capture.pendingChunks.length; k++) {
    const chunk = capture.pendingChunks[k]!;
    if (last.get(chunk) !== k) continue;
    if (image.contentAt(chunk) === capture.pendingIds[k]) present++;
    else missing.push(chunk);
  }
  return {
    app: capture.app,
    presentWrites: present,
    missingWrites: missing.length,
    missingBytes: missing.length * capture.chunkSizeBytes,
    missingChunks: Uint32Array.from(missing),
  };
}

type Recover = (work: WorkAccount, capture: AppCapture) => ConsistencyVerdict;

/** One rule per crash-recovery trait: the only place that interprets the traits. */
const CRASH_RULES: Readonly<Record<CrashRecovery, Recover>> = {
  'replay-log': (work, capture) => ({
    kind: 'crash-consistent-recoverable',
    replaySeconds: capture.spec.recoveryStartupSec + work.missingBytes / capture.spec.replayBytesPerSec,
    ...work,
  }),
  'damaged-if-work-missing': (work) =>
    work.missingWrites > 0
      ? { kind: 'damaged', reason: 'unflushed-work-without-journal', ...work }
      : { kind: 'crash-consistent-recoverable', replaySeconds: 0, ...work },
  nothing: (work) => ({ kind: 'crash-consistent-recoverable', replaySeconds: 0, ...work }),
};

export function classifyImage(image: ChunkImage, capture: AppCapture): ConsistencyVerdict {
  const work = accountWork(image, capture);
  if (capture.quiesced && work.missingWrites === 0) return { kind: 'application-consistent', ...work };
  return CRASH_RULES[CONSISTENCY_TRAITS[capture.spec.consistency].crashRecovery](work, capture);
}

const SEVERITY: Readonly<Record<ConsistencyKindOfImage, number>> = {
  'application-consistent': 0,
  'crash-consistent-recoverable': 1,
  damaged: 2,
};

/** The worst of several verdicts (the first one on ties, so the result is deterministic). */
export function worstVerdict(verdicts: readonly ConsistencyVerdict[]): ConsistencyVerdict | undefined {
  let worst: ConsistencyVerdict | undefined;
  for (const v of verdicts) if (worst === undefined || SEVERITY[v.kind] > SEVERITY[worst.kind]) worst = v;
  return worst;
}
