/** How soon before its end date an item counts as "expiring". */
export const EXPIRING_DAYS = 90;
/** The same window in the report's words. */
export const EXPIRING_DAYS_TEXT = `${EXPIRING_DAYS} days`;
