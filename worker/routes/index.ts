/** Every route module, mounted in one place. */
import type { Hono } from 'hono';
import type { AppEnv } from '../context';
import { adminRoutes } from './admin';
import { authRoutes } from './auth';
import { catalogueRoutes } from './catalogue';
import { devRoutes } from './dev';
import { homeRoutes } from './home';
import { identityRoutes } from './identity';
import { organisationRoutes } from './organisations';
import { vcApiRoutes } from './vc-api';

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
}
