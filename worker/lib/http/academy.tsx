/** What the academy's pages share: the guarded academy, its flash notices, the achievement page, issuing dates. */
import { type FormState, emptyForm } from '../../../web/components/form-state';
import type { PlainMessageKey } from '../../../web/i18n/messages';
import { AchievementPage } from '../../../web/pages/academy-achievements';
import type { AppContext } from '../../context';
import { getAchievement } from '../../services/academy/achievements';
import { issuedCounts } from '../../services/academy/register';
import { noticeFrom } from './forms';
import { orgContext } from './org';
import { hexIdFromPath } from './params';

const NOTICES: Record<string, PlainMessageKey> = {
  created: 'academy.noticeCreated',
  archived: 'academy.noticeArchived',
  issued: 'academy.noticeIssued',
  renewed: 'academy.noticeRenewed',
  revoked: 'academy.noticeRevoked',
  suspended: 'academy.noticeSuspended',
  reinstated: 'academy.noticeReinstated',
  claim_link_sent: 'academy.noticeClaimLinkSent',
  existing: 'academy.noticeExisting',
  uploaded: 'academy.noticeUploaded',
};

/** The academy page's flash message named by `?notice=`. */
export const academyNotice = (c: AppContext) => noticeFrom(c, NOTICES);

/** The academy a page is about, and the signed-in member looking at it (after an orgMember guard). */
export async function academyContext(c: AppContext) {
  const found = await orgContext(c);
  return { ...found, canIssue: found.org.status === 'approved' };
}

/** An achievement's page, optionally with the cohort upload's errors (then answered with a 400). */
export async function achievementPage(c: AppContext, upload: FormState = emptyForm(), status: 200 | 400 = 200) {
  const { actor, org, canIssue } = await academyContext(c);
  const { db } = c.get('deps');
  const { achievement, aligned } = await getAchievement(db, org.id, hexIdFromPath(c, 'id', 'achievement'));
  const counts = await issuedCounts(db, org.id);
  return c.html(
    AchievementPage({
      actor,
      slug: org.slug,
      canIssue,
      achievement,
      aligned,
      issued: counts.get(achievement.id) ?? 0,
      upload,
      notice: status === 200 ? academyNotice(c) : undefined,
    }),
    status,
  );
}

/** Today's date (YYYY-MM-DD) by the app's clock. */
export const todayOf = (c: AppContext) => c.get('deps').clock().toISOString().slice(0, 10);

/** Dates a learner could not have completed yet are refused with a field error. */
export function futureDateErrors(
  values: { completedOn?: string; assessedOn?: string | undefined },
  today: string,
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (values.completedOn && values.completedOn > today)
    errors.completedOn = 'The completion date cannot be in the future';
  if (values.assessedOn && values.assessedOn > today) errors.assessedOn = 'The assessment date cannot be in the future';
  return errors;
}

/** The assessment evidence of an issue or renew form, or undefined when none was given. */
export const evidenceOf = (d: {
  assessorName?: string | undefined;
  assessedOn?: string | undefined;
  score?: string | undefined;
  notes?: string | undefined;
}) =>
  d.assessorName || d.assessedOn || d.score || d.notes
    ? { assessorName: d.assessorName, assessedOn: d.assessedOn, score: d.score, notes: d.notes }
    : undefined;
