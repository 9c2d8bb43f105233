/**
 * Builds the content of every OS template's base image from one ContentSpace.
 *
 * Images are built eagerly, in catalog order, when the pool is made: the
 * catalog's key order is fixed by the scenario, so the ids each template gets
 * never depend on which VM happened to ask first. For each lineage a core
 * block of ids is reserved, long enough for its largest shared prefix; image
 * chunk k of a template takes core id k while k < its shared chunk count, and
 * a fresh id otherwise. Sharing is positional only for convenience: dedupe
 * matches content ids wherever they sit.
 */
import { ConfigError } from '../engine/errors.js';
import { requireFraction, requireKnown } from './config-checks.js';
import { ContentSpace } from './content-space.js';
import { OS_FAMILIES, OS_TEMPLATES, type OsTemplateSpec } from './os-templates.js';

export class TemplatePool {
  private readonly images = new Map<string, Uint32Array>();
  private readonly specs: Readonly<Record<string, OsTemplateSpec>>;

  constructor(readonly space: ContentSpace, catalog: Readonly<Record<string, OsTemplateSpec>> = OS_TEMPLATES) {
    this.specs = catalog;
    const names = Object.keys(catalog);
    for (const name of names) validateTemplate(name, catalog[name]!, space.chunkSizeBytes);
    const cores = reserveLineageCores(catalog, names, space);
    for (const name of names) {
      const spec = catalog[name]!;
      const imageChunks = spec.imageSizeBytes / space.chunkSizeBytes;
      const shared = sharedChunks(spec, space.chunkSizeBytes);
      const core = cores.get(spec.lineage)!;
      const image = new Uint32Array(imageChunks);
      const fresh = space.allocate(imageChunks - shared);
      for (let k = 0; k < imageChunks; k++) image[k] = k < shared ? core + k : fresh + (k - shared);
      this.images.set(name, image);
    }
  }

  get chunkSizeBytes(): number {
    return this.space.chunkSizeBytes;
  }

  /** Template names in catalog order. */
  names(): string[] {
    return [...this.images.keys()];
  }

  /** The template's spec; an unknown name is a ConfigError naming the known ones. */
  spec(name: string, component = 'template-pool'): OsTemplateSpec {
    return requireKnown(component, 'template', this.specs, name);
  }

  /** Chunks in the template's image; `component` names the asker in a ConfigError. */
  imageChunkCount(name: string, component = 'template-pool'): number {
    this.spec(name, component);
    return this.images.get(name)!.length;
  }

  /** A copy of the template's image content ids (chunk 0 first). */
  image(name: string, component = 'template-pool'): Uint32Array {
    this.spec(name, component);
    return this.images.get(name)!.slice();
  }

  /** Number of content ids two templates' images have in common. */
  sharedChunkCount(a: string, b: string): number {
    const x = this.image(a);
    const y = new Set(this.image(b));
    let n = 0;
    for (const id of x) if (y.has(id)) n++;
    return n;
  }
}

function validateTemplate(name: string, spec: OsTemplateSpec, chunkSizeBytes: number): void {
  const component = `template/${name}`;
  if (!OS_FAMILIES.includes(spec.osFamily)) {
    throw new ConfigError(component, 'osFamily', spec.osFamily, `be one of ${OS_FAMILIES.join(', ')}`);
  }
  requireFraction(component, 'lineageSharedFraction', spec.lineageSharedFraction);
  const chunks = spec.imageSizeBytes / chunkSizeBytes;
  if (!Number.isSafeInteger(chunks) || chunks <= 0) {
    throw new ConfigError(component, 'imageSizeBytes', spec.imageSizeBytes, `be a positive whole number of ${chunkSizeBytes}-byte chunks`);
  }
}

function sharedChunks(spec: OsTemplateSpec, chunkSizeBytes: number): number {
  return Math.round((spec.imageSizeBytes / chunkSizeBytes) * spec.lineageSharedFraction);
}

/** One block of core ids per lineage, in order of first appearance in the catalog. */
function reserveLineageCores(
  catalog: Readonly<Record<string, OsTemplateSpec>>,
  names: readonly string[],
  space: ContentSpace,
): Map<string, number> {
  const longest = new Map<string, number>();
  for (const name of names) {
    const spec = catalog[name]!;
    longest.set(spec.lineage, Math.max(longest.get(spec.lineage) ?? 0, sharedChunks(spec, space.chunkSizeBytes)));
  }
  const cores = new Map<string, number>();
  for (const [lineage, count] of longest) cores.set(lineage, space.allocate(count));
  return cores;
}
