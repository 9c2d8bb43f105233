/**
 * Continuous data protection (DOMAIN.md, family 2). Files, one concept each:
 * - cdp-design.ts        capabilities, plan, start; `journal(machine)` for restores
 * - journal.ts           the journal: base + entries, retention, bookmarks, any-point reconstruction (API in its header)
 * - entry-log.ts         the journal's write log in typed arrays
 * - write-splitter.ts    copies every write into the journal
 * - continuous-stream.ts ships the journal at the write rate
 * - near-cdp-sync.ts     DPM-style synchronisation of changed blocks every N minutes
 * - initial-sync.ts      the first full copy (the journal's base and a full restore point)
 * - bookmarks.ts         application-consistent marks where VSS is reachable
 * - stream-records.ts    the stream's load as hourly records
 * - cdp-env.ts           what a machine's processes share; the splitter's CPU route
 * - options.ts           options and defaults (Veeam CDP, Zerto, DPM figures)
 */
export { CdpDesign, cdpDesign } from './cdp-design.js';
export { CdpJournal, type Bookmark, type JournalGranularity, type JournalOptions, type JournalWindow, type PointInTime, type RpoFigures, type Shipment } from './journal.js';
export { CDP_DEFAULTS, DPM_SYNC_INTERVALS_MIN, resolveCdpOptions, type CdpMode, type CdpOptions, type ResolvedCdpOptions, type SplitterPlacement, type SyncIntervalMin } from './options.js';
export { vssReachable } from './bookmarks.js';
