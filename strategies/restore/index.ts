/**
 * Restores, verification and tape copies (DESIGN.md decision 11; issue 4
 * items 6 and 7). Files, one concept each:
 * - drill.ts              the RestoreDrill spec, its defaults and well-formedness
 * - validate.ts           which drills a design can deliver (unsupported outcomes)
 * - start-drills.ts       startRestoreDrills: one process per drill, a table by kind
 * - context.ts            what restores need from a run; optional witnesses
 * - env.ts, report.ts     shared state of a set of drills; RestoreDraft -> RestoreReport
 * - find-point.ts, locate.ts, point-images.ts   the point a drill asks for, read back
 * - read-route.ts         target read cost: fragmentation, random reads, rehydration
 * - production-route.ts   where restored bytes land
 * - content-check.ts      restored data vs the protected data, file by file, chunk by chunk
 * - point-verdict.ts      can the applications open the point (guest.classify)
 * - job-captures.ts       the guest capture of a point, from the job that made it
 * - full-restore.ts       whole VM, single disk
 * - file-restore.ts       single file, application item
 * - run-from-backup.ts    publish, boot and run a VM from its backup
 * - instant-recovery.ts   run from the backup, then move back to production
 * - lab.ts, lab-run.ts    virtual lab: isolated network + NAT proxy
 * - verification.ts       SureBackup-like automated verification
 * - point-in-time.ts, journal-source.ts   CDP any-point-in-time restore
 * - tape-copy.ts, start-tape-copies.ts, tape-catalog.ts, tape-restore.ts   D2D2T
 * - fault.ts              corrupting a stored block
 * - scheduled-faults.ts   faults a scenario schedules (bit rot at a time), recorded as data
 */
export { startRestoreDrills, type RestoreDrills, type StartDrillsOptions } from './start-drills.js';
export { validateDrills, bootRefusal, type DrillCheck, type ValidateOptions } from './validate.js';
export { DRILL_DEFAULTS, LARGEST_FILE, filePath, resolveDrill, type FileChoice, type PointChoice, type RestoreDrill, type RestoreSource, type ResolvedDrill } from './drill.js';
export type { PointCaptures, PointWitness, RestoreContext } from './context.js';
export { capturesFor, jobCaptures } from './job-captures.js';
export type { RestoreReport, RunFromBackup } from './report.js';
export type { ContentCheck } from './content-check.js';
export type { PointVerdict } from './point-verdict.js';
export { REPOSITION_COST_BLOCKS, randomReadFactor, sequentialReadFactor, type ReadShape } from './read-route.js';
export { BOOT_READ_BYTES } from './run-from-backup.js';
export { LAB_DEFAULTS, VirtualLab } from './lab.js';
export { journalSourceOf, type JournalSource, type JournalView } from './journal-source.js';
export { startTapeCopies, validateTapeCopies, type TapeCopies, type TapeCopyCheck } from './start-tape-copies.js';
export type { TapeCopySpec } from './tape-copy.js';
export { TapeCatalog, type TapeEntry } from './tape-catalog.js';
export { corruptChunk, corruptFile } from './fault.js';
export { startFaults, type FaultSpec } from './scheduled-faults.js';
export { findPoint, repositoriesOf, type FoundPoint } from './find-point.js';
export { diskName } from './point-images.js';
