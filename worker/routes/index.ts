/** Every route group, mounted in one place (the order is the order requests are matched in). */
import type { Hono } from 'hono';
import type { AppEnv } from '../context';
import { PRIVATE_PAGE_PATHS, privatePage } from '../middleware/private-pages';
import academyAchievements from './academy/achievements';
import academyCertificates from './academy/certificates';
import academyCohortApi from './academy/cohort-api';
import academyCohorts from './academy/cohorts';
import academyDashboard from './academy/dashboard';
import academyIssue from './academy/issue';
import academyKeys from './academy/keys';
import academyRegister from './academy/register';
import academyRegisterBulk from './academy/register-bulk';
import adminOrganisations from './admin/organisations';
import adminReleases from './admin/releases';
import adminCatalogueEdits from './admin/catalogue-edits';
import adminRoles from './admin/roles';
import authAccount from './auth/account';
import authPassword from './auth/password';
import authSignIn from './auth/sign-in';
import authStart from './auth/start';
import catalogue from './catalogue';
import commissionerArea from './commissioner/area';
import commissionerConsent from './commissioner/consent';
import commissionerDashboard from './commissioner/dashboard';
import dev from './dev';
import employerApi from './employer/api';
import employerRoleFit from './employer/role-fit';
import employerRoles from './employer/roles';
import employerSaved from './employer/saved';
import employerWalletRequests from './employer/wallet-requests';
import help from './help';
import home from './home';
import identity from './identity';
import language from './language';
import organisationMembers from './organisations/members';
import organisationRegister from './organisations/register';
import organisationTokens from './organisations/tokens';
import passportAccount from './passport/account';
import passportAnswer from './passport/answer';
import passportWalletIntake from './passport/wallet-intake';
import passportClaim from './passport/claim';
import passportCredentials from './passport/credentials';
import passportImport from './passport/import';
import passportPrint from './passport/print';
import passportShares from './passport/shares';
import passportWallet from './passport/wallet';
import vcApi from './vc-api';
import verify from './verify';
import walletIssuance from './wallets/oid4vci';
import walletPresentation from './wallets/oid4vp';

/** Mounts all routes on the app. */
export function registerRoutes(app: Hono<AppEnv>) {
  const groups = [
    home,
    language,
    help,
    catalogue,
    authSignIn,
    authStart,
    authPassword,
    authAccount,
    organisationRegister,
    organisationMembers,
    organisationTokens,
    adminOrganisations,
    adminRoles,
    adminCatalogueEdits,
    adminReleases,
    dev,
    identity,
    walletIssuance,
    walletPresentation,
    vcApi,
    verify,
    employerRoleFit,
    employerSaved,
    employerWalletRequests,
    employerRoles,
    employerApi,
  ];
  for (const group of groups) app.route('/', group);
  for (const path of PRIVATE_PAGE_PATHS) app.use(path, privatePage);
  const later = [
    passportCredentials,
    passportClaim,
    passportImport,
    passportPrint,
    passportShares,
    passportWallet,
    passportAnswer,
    passportWalletIntake,
    passportAccount,
    commissionerConsent,
    commissionerArea,
    commissionerDashboard,
    academyDashboard,
    academyAchievements,
    academyIssue,
    academyCohorts,
    academyRegister,
    academyRegisterBulk,
    academyCertificates,
    academyCohortApi,
    academyKeys,
  ];
  for (const group of later) app.route('/', group);
}
