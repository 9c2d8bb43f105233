/**
 * Files written all or nothing: each goes to a temporary file in its own
 * directory, and only when every file of the batch is written are they
 * renamed into place (a rename in one directory is atomic). A failed run
 * leaves nothing behind, not even the directory if it made it.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export function writeFilesAtomic(files: readonly { path: string; text: string }[]): void {
  const made: string[] = [];
  const temps: { temp: string; path: string }[] = [];
  try {
    for (const f of files) {
      const dir = dirname(resolve(f.path));
      if (!existsSync(dir)) {
        // The first directory it had to make: removing it on failure removes everything made.
        const first = mkdirSync(dir, { recursive: true });
        if (first !== undefined) made.push(first);
      }
      const temp = join(dir, `.${basename(f.path)}.${process.pid}.tmp`);
      writeFileSync(temp, f.text);
      temps.push({ temp, path: f.path });
    }
    for (const t of temps) renameSync(t.temp, t.path);
  } catch (e) {
    for (const t of temps) rmSync(t.temp, { force: true });
    for (const dir of made.reverse()) rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
