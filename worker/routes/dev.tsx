/** Development helpers; every one answers 404 in production. */
import { desc, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { outbox } from '../../db/schema';
import { OutboxPage } from '../../web/pages/outbox';
import type { AppEnv } from '../context';
import { notFound } from '../errors';
import { guard } from '../policy';

/** Messages shown at most; the outbox is a development aid, not an archive. */
const OUTBOX_LIMIT = 200;

/** Local-development helpers. */
const app = new Hono<AppEnv>();
app.get('/dev/outbox', guard('public'), async (c) => {
  const { db, config } = c.get('deps');
  if (config.ENVIRONMENT === 'production') throw notFound();
  const messages = await db.select().from(outbox).orderBy(desc(outbox.createdAt), desc(sql`rowid`)).limit(OUTBOX_LIMIT);
  c.header('Cache-Control', 'no-store');
  return c.html(OutboxPage({ actor: c.get('actor'), messages }));
});

export default app;
