/** Wording of the schema library (zod) that must never reach a page or an API error: people get plain words. */
export const LIBRARY_WORDING =
  /Invalid input|expected (string|number|boolean|object|array|bigint|date)|received (undefined|null|string|number|object|array|boolean)|Too (small|big):|Invalid option|Unrecognized keys?:|Invalid (ISO|UUID|URL|email address|string|discriminator)|Invalid element|Invalid key in/;
