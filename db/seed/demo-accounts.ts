/** The demo's published sign-ins: kept apart from the demo seed so the production start-up check can name them cheaply. */

/** The password every demo account is created with; it is printed by `npm start` and written in the README. */
export const DEMO_PASSWORD = 'demo-passport-2026';

/** The demo accounts, with who they are. */
export const DEMO_LOGINS: readonly { email: string; what: string }[] = [
  { email: 'admin@carepassport.demo', what: 'platform admin' },
  { email: 'trainer@yhca.demo', what: 'academy staff (Yorkshire Health and Care Academy)' },
  { email: 'manager@sunrise.demo', what: 'employer (Sunrise Care Homes)' },
  { email: 'analyst@leeds.demo', what: 'commissioner (Leeds City Council)' },
  { email: 'amira@worker.demo', what: 'care worker with 7 credentials, one refresher lapsed' },
  { email: 'david@worker.demo', what: 'care worker with 4 credentials' },
];
