/**
 * The recorder's consistency label of an image, from the guest model's
 * verdict on its content (DESIGN.md decision 7: consistency is judged from
 * content, never stated). A crash image the applications can recover from
 * (by replaying a log, or with nothing to replay) is crash-consistent.
 */
import type { GuestVerdict } from '../../sim/guest/guest.js';
import type { ConsistencyLabel } from '../recorder.js';

const LABELS: Readonly<Record<GuestVerdict['overall'], ConsistencyLabel>> = {
  'application-consistent': 'application-consistent',
  'crash-consistent-recoverable': 'crash-consistent',
  damaged: 'damaged',
};

export function consistencyLabel(verdict: GuestVerdict): ConsistencyLabel {
  return LABELS[verdict.overall];
}
