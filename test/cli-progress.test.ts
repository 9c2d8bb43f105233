import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressSink } from '../scenarios/cli/progress.js';

/** A terminal-like stream that keeps what is written to it. */
function fakeTerminal(): { stream: PassThrough & { isTTY: boolean; columns: number }; written: () => string } {
  const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 100 });
  let text = '';
  stream.on('data', (d: Buffer) => (text += d.toString()));
  return { stream, written: () => text };
}

describe('the progress bar', () => {
  it('draws on a terminal without hiding the cursor or turning line wrapping off, so Ctrl-C at any moment leaves the terminal usable', async () => {
    const { stream, written } = fakeTerminal();
    const bar = await progressSink(false, stream, {});
    bar.update(1, 4, 'agents');
    bar.update(3, 4, 'proxy');
    bar.stop();
    expect(written()).toMatch(/25% \| agents/);
    // A process killed mid-run never reaches stop(), which is what would undo these modes.
    expect(written()).not.toContain('\u001b[?25l');
    expect(written()).not.toContain('\u001b[?7l');
  });

  it('stays silent off a terminal, in CI and with --json', async () => {
    for (const [json, isTTY, env] of [[false, false, {}], [false, true, { CI: 'true' }], [true, true, {}]] as const) {
      const { stream, written } = fakeTerminal();
      stream.isTTY = isTTY;
      const bar = await progressSink(json, stream, env);
      bar.update(1, 2, 'x');
      bar.stop();
      expect(written()).toBe('');
    }
  });
});
