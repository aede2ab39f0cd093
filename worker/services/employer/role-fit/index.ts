/** Role fit: the engine, the report's words, and the loaders of holdings and role requirements. */
export { CATALOGUE_ROLE_TTL_MS, loadEquivalences, loadRequirements, roleFitFor, toRequirement } from './basis';
export { EXPIRING_DAYS } from './constants';
export { assessRoleFit, MAX_EQUIVALENCE_HOPS, meetingIds, readLevels } from './engine';
export {
  type FromResultsOptions,
  holdingsFromResults,
  issuerWords,
  loadHoldings,
  readEvidence,
  statedLevel,
} from './holdings';
export { headline, isPersonSpecific, routePlan } from './report-text';
export type * from './types';
