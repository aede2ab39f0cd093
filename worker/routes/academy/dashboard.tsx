/** The academy's dashboard: its achievements, recent cohort uploads and certificates. */
import { translator } from '../../../web/i18n/messages';
import { Hono } from 'hono';
import { AcademyDashboardPage } from '../../../web/pages/academy';
import { validityText } from '../../../web/pages/academy-achievements';
import type { AppEnv } from '../../context';
import { academyContext, academyNotice } from '../../lib/http/academy';
import { guard } from '../../policy';
import { listAchievements } from '../../services/academy/achievements';
import { recentBatches } from '../../services/academy/cohort-batches';
import { alignmentsByAchievement, issuedCounts, recentCredentials } from '../../services/academy/register';
import { issuerScopesByOrg, listIssuingFrameworks } from '../../services/organisations/approval';

const t = translator('en');

const app = new Hono<AppEnv>();
const member = guard('orgMember', { kind: 'academy' });

app.get('/academy/:org', member, async (c) => {
  const { actor, membership, org } = await academyContext(c);
  const { db } = c.get('deps');
  const [achievements, counts, batches, recent, scopeMap, fws] = await Promise.all([
    listAchievements(db, org.id),
    issuedCounts(db, org.id),
    recentBatches(db, org.id, 5),
    recentCredentials(db, org.id, 5),
    issuerScopesByOrg(db, [org.id]),
    listIssuingFrameworks(db),
  ]);
  const aligned = await alignmentsByAchievement(
    db,
    achievements.map((a) => a.id),
  );
  const scopeIds = new Set(scopeMap.get(org.id) ?? []);
  const names = new Map(achievements.map((a) => [a.id, a.name]));
  return c.html(
    AcademyDashboardPage({
      actor,
      org,
      membership,
      scopes: fws.filter((f) => scopeIds.has(f.id)),
      achievements: achievements.map((a) => {
        const items = aligned.get(a.id) ?? [];
        return {
          id: a.id,
          name: a.name,
          achievementType: a.achievementType,
          covers: items.map((i) => i.name),
          validity: validityText(a, items).replace(/ \(.*\)$/, ''),
          issued: counts.get(a.id) ?? 0,
        };
      }),
      batches: batches.map((b) => ({
        ...b,
        achievementName: names.get(b.achievementId) ?? t('academy.archivedAchievement'),
      })),
      recent,
      notice: academyNotice(c),
    }),
  );
});

export default app;
