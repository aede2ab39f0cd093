/** Every route module, mounted in one place. */
import type { Hono } from 'hono';
import type { AppEnv } from '../context';
import { academyRoutes } from './academy';
import { adminRoutes } from './admin';
import { authRoutes } from './auth';
import { catalogueRoutes } from './catalogue';
import { commissionerRoutes } from './commissioner';
import { devRoutes } from './dev';
import { employerRoutes } from './employer';
import { homeRoutes } from './home';
import { identityRoutes } from './identity';
import { organisationRoutes } from './organisations';
import { passportRoutes } from './passport';
import { vcApiRoutes } from './vc-api';
import { verifyRoutes } from './verify';

/** Mounts all routes on the app. */
export function registerRoutes(app: Hono<AppEnv>) {
  homeRoutes(app);
  catalogueRoutes(app);
  authRoutes(app);
  organisationRoutes(app);
  adminRoutes(app);
  devRoutes(app);
  identityRoutes(app);
  vcApiRoutes(app);
  verifyRoutes(app);
  employerRoutes(app);
  passportRoutes(app);
  commissionerRoutes(app);
  academyRoutes(app);
}
