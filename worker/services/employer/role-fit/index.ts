/** Role fit: the engine, the report's words, and the loaders of holdings and role requirements. */
export { loadRequirements, type RoleFitDeps, roleFitFor, toRequirement } from './basis';
export { EXPIRING_DAYS } from './constants';
export { assessRoleFit, meetingIds } from './engine';
export { holdingsFromResults, issuerWords, loadHoldings, readEvidence, statedLevel } from './holdings';
export type * from './types';
