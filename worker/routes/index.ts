/** Every route module, mounted in one place. */
import type { Hono } from 'hono';
import type { AppEnv } from '../context';
import { catalogueRoutes } from './catalogue';
import { homeRoutes } from './home';

/** Mounts all routes on the app. */
export function registerRoutes(app: Hono<AppEnv>) {
  homeRoutes(app);
  catalogueRoutes(app);
}
