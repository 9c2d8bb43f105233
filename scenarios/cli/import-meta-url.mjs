/**
 * `import.meta.url` in the command's CommonJS bundle (bundle.mjs injects this
 * module and defines `import.meta.url` as its export): the bundle's own file
 * URL, from which the package root and the sweep's worker are found. An
 * injected module, not a banner, so the bundle's "use strict" stays first.
 */
/* global __filename */
import { pathToFileURL } from 'node:url';

export const importMetaUrl = pathToFileURL(__filename).href;
