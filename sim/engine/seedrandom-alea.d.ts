/**
 * Types of seedrandom's Alea generator on its own (`seedrandom/lib/alea.js`):
 * the same function as `seedrandom.alea`, without the package's index, which
 * loads six other generators and node:crypto (for autoseeding, never used
 * here) at every start of the command.
 */
declare module 'seedrandom/lib/alea.js' {
  import type seedrandom from 'seedrandom';

  const alea: (typeof seedrandom)['alea'];
  export default alea;
}
