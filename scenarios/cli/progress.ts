/**
 * A progress bar on stderr, only for a person at a terminal: never when
 * stderr is not a TTY, in CI (`CI` set) or with --json.
 */
import { SingleBar, Presets } from 'cli-progress';

export interface ProgressSink {
  update(value: number, total: number, label: string): void;
  stop(): void;
}

const NONE: ProgressSink = { update: () => undefined, stop: () => undefined };

export function progressSink(json: boolean): ProgressSink {
  if (json || process.stderr.isTTY !== true || (process.env.CI ?? '') !== '') return NONE;
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
