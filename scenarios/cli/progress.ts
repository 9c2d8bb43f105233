/**
 * A progress bar on stderr, only for a person at a terminal: never when
 * stderr is not a TTY, in CI (`CI` set) or with --json. cli-progress (and
 * the string-width tables it brings) is loaded only when a bar is shown.
 */

export interface ProgressSink {
  update(value: number, total: number, label: string): void;
  stop(): void;
}

const NONE: ProgressSink = { update: () => undefined, stop: () => undefined };

export async function progressSink(json: boolean): Promise<ProgressSink> {
  if (json || process.stderr.isTTY !== true || (process.env.CI ?? '') !== '') return NONE;
  // `default`: the package is CommonJS, and its exports object is the default export under Node and in the bundle alike.
  const { SingleBar, Presets } = (await import('cli-progress')).default;
  const bar = new SingleBar({ stream: process.stderr, format: '{bar} {percentage}% | {label}', hideCursor: true, clearOnComplete: true }, Presets.shades_classic);
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
