/**
 * The claims of /work/shared/DOMAIN.md ("Claims a faithful simulator
 * reproduces"), numbered as there. A scenario lists the claims it checks by
 * number; the report shows each one's statement so a reader need not look
 * it up. This is domain text, kept here because reports/ imports nothing
 * from the engine or the scenarios.
 */
export const DOMAIN_CLAIMS: readonly string[] = [
  'Agent-based backup degrades applications more as VMs per host grow; with few VMs it is fine.',
  'Proxy image backup costs the guests and hosts less than in-guest agents for the same data, and central scheduling lowers contention further.',
  'CDP loads the host far less than agent full/incremental jobs and reaches a recovery point objective of seconds, with any-point-in-time restore.',
  'Image backups are crash-consistent unless quiesced with guest tools and a VSS-aware application; non-VSS applications get application consistency only from an agent; XenServer image backups are crash-consistent.',
  'VMs from the same OS deduplicate heavily; source-side dedupe sends far fewer bytes over the network than target-side dedupe for the same stored result.',
  'VCB needs proxy staging storage about the size of the snapshot; VADP needs none; CBT makes incrementals proportional to the changed blocks.',
  'Hardware snapshots have lower impact and scale further than software ones; copy-on-write costs an extra read and write on the first write to a block after the snapshot.',
  'Instant recovery restores service far sooner than a full restore; a file can be restored without restoring its VM where the method supports it.',
  'Verification finds unrecoverable backups without a restore.',
  'XenServer memory snapshots work for Windows VMs only.',
  'A product that lacks support for a hypervisor, for physical servers or for tape leaves that part of an estate unprotected, and the simulator says so.',
];

export interface ClaimRow {
  /** `claim 3`, or '' for a claim given as free text. */
  label: string;
  statement: string;
}

/**
 * A scenario's claim as a row: a number (`3`, `claim 3`, `#3`) of a known
 * claim becomes its statement; anything else stays as written.
 */
export function claimRow(claim: string): ClaimRow {
  const m = /^\s*(?:claim\s*|#)?(\d{1,2})\s*$/i.exec(claim);
  const n = m === null ? NaN : Number(m[1]);
  const statement = DOMAIN_CLAIMS[n - 1];
  return statement === undefined ? { label: '', statement: claim } : { label: `claim ${n}`, statement };
}
