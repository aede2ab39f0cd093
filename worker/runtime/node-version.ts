/**
 * The oldest Node.js the Node entry points run on, as package.json's "engines" says. Older versions are refused at
 * start, not left to fail later: on Node 20, generating an Ed25519 key and exporting it as a JWK (the placeholder
 * subject of every credential issued to a learner without a passport) can deadlock the whole process when garbage
 * collection runs inside the export.
 */
export const MINIMUM_NODE = '22.12.0';

/** Why this Node cannot run the service, or null when it can. */
export function nodeVersionProblem(version: string = process.versions.node): string | null {
  const have = version.split('.').map(Number);
  const need = MINIMUM_NODE.split('.').map(Number);
  // The first part that differs decides; a version with a part that is not a number is never enough.
  const order = need.reduce((found, n, i) => found || Math.sign((have[i] ?? 0) - n), 0);
  if (have.every(Number.isFinite) && order >= 0) return null;
  return (
    `Care Passport needs Node.js ${MINIMUM_NODE} or later; this is ${version}. ` +
    'Start it through npm (npm start, npm run bench): npm install puts a suitable Node in node_modules/.bin and npm ' +
    'scripts use it first.'
  );
}

/** Stops the process with the reason when this Node cannot run the service (for the Node entry points). */
export function exitIfNodeTooOld(): void {
  const problem = nodeVersionProblem();
  if (!problem) return;
  console.error(problem);
  process.exit(1);
}
