/**
 * A progress bar on stderr, only for a person at a terminal: never when
 * stderr is not a TTY, in CI (`CI` set) or with --json. cli-progress (and
 * the string-width tables it brings) is loaded only when a bar is shown.
 *
 * The bar leaves the terminal's modes alone: no hidden cursor and no line
 * wrapping turned off (cli-progress turns wrapping off unless told), since
 * only the bar's stop() turns them back on, and Ctrl-C must stop a run at
 * once: a simulation runs synchronously, so a SIGINT handler that restored
 * the terminal would run only when the run next yields, possibly minutes
 * later. With those modes, Ctrl-C left the terminal with no cursor and no
 * wrapping.
 */

export interface ProgressSink {
  update(value: number, total: number, label: string): void;
  stop(): void;
}

const NONE: ProgressSink = { update: () => undefined, stop: () => undefined };

/** `stream` and `env` are the process's unless a test gives its own. */
export async function progressSink(json: boolean, stream: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr, env: Readonly<Record<string, string | undefined>> = process.env): Promise<ProgressSink> {
  if (json || stream.isTTY !== true || (env.CI ?? '') !== '') return NONE;
  // `default`: the package is CommonJS, and its exports object is the default export under Node and in the bundle alike.
  const { SingleBar, Presets } = (await import('cli-progress')).default;
  const bar = new SingleBar({ stream, format: '{bar} {percentage}% | {label}', hideCursor: false, linewrap: true, clearOnComplete: true }, Presets.shades_classic);
  let started = false;
  return {
    update(value, total, label) {
      if (!started) {
        bar.start(total, value, { label });
        started = true;
      } else bar.update(value, { label });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
