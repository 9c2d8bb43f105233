/**
 * The catalog of OS templates, as data (STYLE.md, principle 10).
 *
 * A template is the base image VMs are deployed from. Every VM built from one
 * template starts with the same content ids in its OS chunks, which is why
 * "VMs from the same OS deduplicate heavily" (DOMAIN.md, claim 5) comes out of
 * a run rather than being typed into it. Templates of one lineage (successive
 * versions of one OS) share part of their image: `lineageSharedFraction` of
 * each image comes from a common lineage core, so two versions share
 * min(a, b) of the smaller image and different lineages share nothing but
 * zero chunks.
 *
 * Image sizes are illustrative installed sizes (a fresh install plus common
 * roles), not figures from a source; scenarios may pass their own catalog.
 */
import { GIB } from './units.js';

export type OsFamily = 'windows' | 'linux';
export const OS_FAMILIES: readonly OsFamily[] = ['windows', 'linux'];

export interface OsTemplateSpec {
  osFamily: OsFamily;
  /** Templates with the same lineage share `lineageSharedFraction` of their image. */
  lineage: string;
  /** Fraction in [0, 1] of this image's chunks taken from the lineage core. */
  lineageSharedFraction: number;
  /** Used size of the installed image. */
  imageSizeBytes: number;
  description: string;
}

export const OS_TEMPLATES = {
  win2003: {
    osFamily: 'windows',
    lineage: 'windows-server',
    lineageSharedFraction: 0.15,
    imageSizeBytes: 4 * GIB,
    description: 'Windows Server 2003 R2',
  },
  win2008r2: {
    osFamily: 'windows',
    lineage: 'windows-server',
    lineageSharedFraction: 0.3,
    imageSizeBytes: 12 * GIB,
    description: 'Windows Server 2008 R2',
  },
  win2012r2: {
    osFamily: 'windows',
    lineage: 'windows-server',
    lineageSharedFraction: 0.3,
    imageSizeBytes: 14 * GIB,
    description: 'Windows Server 2012 R2',
  },
  win2016: {
    osFamily: 'windows',
    lineage: 'windows-server',
    lineageSharedFraction: 0.3,
    imageSizeBytes: 16 * GIB,
    description: 'Windows Server 2016',
  },
  rhel5: { osFamily: 'linux', lineage: 'rhel', lineageSharedFraction: 0.25, imageSizeBytes: 3 * GIB, description: 'Red Hat Enterprise Linux 5' },
  rhel6: { osFamily: 'linux', lineage: 'rhel', lineageSharedFraction: 0.4, imageSizeBytes: 4 * GIB, description: 'Red Hat Enterprise Linux 6' },
  rhel7: { osFamily: 'linux', lineage: 'rhel', lineageSharedFraction: 0.4, imageSizeBytes: 5 * GIB, description: 'Red Hat Enterprise Linux 7' },
  sles11: { osFamily: 'linux', lineage: 'sles', lineageSharedFraction: 0.4, imageSizeBytes: 3 * GIB, description: 'SUSE Linux Enterprise Server 11' },
  ubuntu1804: {
    osFamily: 'linux',
    lineage: 'ubuntu',
    lineageSharedFraction: 0.4,
    imageSizeBytes: 3 * GIB,
    description: 'Ubuntu Server 18.04 LTS',
  },
} as const satisfies Record<string, OsTemplateSpec>;

export type OsTemplateName = keyof typeof OS_TEMPLATES;
