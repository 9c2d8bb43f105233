/**
 * Simulated times and spans in the words of notes and reasons: an instant as
 * a scenario file writes it (`1d 09:30:05`: days from 0, so it pastes into a
 * drill's `at` or `atOrBefore`), a span in seconds with one decimal. Raw
 * floats (`queued 225.86796977953054 s`) read as noise.
 */
const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** `1d 09:30:05` for 120605 s (seconds truncated to whole ones). */
export function instantText(sec: number): string {
  const s = Math.max(0, Math.floor(sec));
  const rem = s % 86_400;
  return `${Math.floor(s / 86_400)}d ${pad2(Math.floor(rem / 3600))}:${pad2(Math.floor((rem % 3600) / 60))}:${pad2(rem % 60)}`;
}

/** `225.9 s`. */
export function secondsText(sec: number): string {
  return `${sec.toFixed(1)} s`;
}
