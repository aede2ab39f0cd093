/**
 * The care worker's passport (every route here is guard('signedIn'), except opening a claim link, which explains
 * itself to someone not yet signed in): certificates, claim links, bringing one in, sharing, export, career
 * pathway, reminders and deleting the account.
 */
import type { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import {
  IMPORT_EXTENSIONS,
  MAX_IMPORT_BYTES,
  claimForm,
  claimQuery,
  deleteAccountForm,
  pathwayForm,
  shareForm,
  uuidParam,
} from '../../schemas/passport';
import { DeleteAccountPage, AccountDeletedPage } from '../../web/pages/passport-account';
import { ImportPage, type ImportState } from '../../web/pages/passport-import';
import { ShareCreatedPage, ShareFormPage, SharesPage, shareable } from '../../web/pages/passport-share';
import { emptyForm, type FormState } from '../../web/components/form-state';
import {
  ClaimPage,
  ClaimProblemPage,
  CredentialPage,
  PassportPage,
  RemindersPage,
  passportNotice,
} from '../../web/pages/passport';
import { PathwayPage } from '../../web/pages/pathway';
import { plainReason } from '../../web/components/verification';
import type { AppContext, AppEnv } from '../context';
import { parseCompactJwt } from '../credentials/jwt';
import { AppError, notFound } from '../errors';
import { slugify } from '../lib/ids';
import { guard } from '../policy';
import { claimCredential } from '../services/academy/issuance';
import {
  KIND_LABELS,
  competencyKinds,
  credentialNames,
  deleteAccount,
  exportPassport,
  findClaim,
  findPassportCredential,
  importCredential,
  kindOf,
  loadPassport,
  remindersFrom,
  removeImported,
  subjectIdOf,
} from '../services/passport/passport';
import { loadPathway, savePathway } from '../services/passport/pathway';
import { createShare, listShares, revokeShare, shareUrl } from '../services/passport/shares';
import { SESSION_COOKIE } from '../services/accounts/sessions';
import { verifyCredential } from '../services/verification/verifier';
import { hit } from '../lib/rate-limit';
import { clientAddress, formStateFrom, readForm, userActor } from './forms';

/** A UUID route param, or 404 (a malformed id names nothing, like someone else's). */
function idParam(c: AppContext): string {
  const r = uuidParam.safeParse({ id: c.req.param('id') });
  if (!r.success) throw notFound('No such item in your passport');
  return r.data.id;
}

/** Claim-link requests allowed per client address per window. */
const CLAIMS_PER_WINDOW = 100;
const CLAIM_WINDOW_SECONDS = 10 * 60;

const SHARES_NOTICES: Record<string, string> = {
  revoked: 'The link has stopped working. Anyone who opens it now sees no certificates.',
};
const PATHWAY_NOTICES: Record<string, string> = { saved: 'Saved. Your pathway is updated.' };

export function passportRoutes(app: Hono<AppEnv>) {
  const signedIn = guard('signedIn');
  const open = guard('public');

  // Personal pages: never cached by the browser or anything between.
  for (const path of ['/passport', '/passport/*', '/claim', '/account/delete']) {
    app.use(path, async (c, next) => {
      await next();
      c.res.headers.set('Cache-Control', 'private, no-store');
    });
  }

  // ------------------------------------------------------------ my passport

  app.get('/passport', signedIn, async (c) => {
    const actor = userActor(c);
    const { db, clock } = c.get('deps');
    const now = clock();
    const entries = await loadPassport(db, actor.user.id, now);
    return c.html(
      PassportPage({
        actor,
        entries,
        reminders: remindersFrom(entries, now).length,
        notice: passportNotice(c.req.query('notice')),
      }),
    );
  });

  app.get('/passport/credentials/:id', signedIn, async (c) => {
    const actor = userActor(c);
    const deps = c.get('deps');
    const cred = await findPassportCredential(deps.db, actor.user.id, idParam(c), deps.clock());
    if (!cred) throw notFound('No such certificate in your passport');
    const [result, kinds] = await Promise.all([verifyCredential(deps, cred.row.jwt), competencyKinds(deps.db)]);
    const parsed = parseCompactJwt(cred.row.jwt);
    const subject = subjectIdOf(result.credential) ?? (parsed.ok ? subjectIdOf(parsed.jwt.payload) : null);
    const alignedIds = JSON.parse(cred.row.alignedIds) as string[];
    return c.html(
      CredentialPage({
        actor,
        cred,
        result,
        subject,
        holderDid: actor.user.holderDid,
        kindLabel: KIND_LABELS[kindOf(alignedIds, kinds)],
        notice: passportNotice(c.req.query('notice')),
      }),
    );
  });

  app.get('/passport/credentials/:id/download', signedIn, async (c) => {
    const actor = userActor(c);
    const { db, clock } = c.get('deps');
    const cred = await findPassportCredential(db, actor.user.id, idParam(c), clock());
    if (!cred) throw notFound('No such certificate in your passport');
    const name = cred.source === 'issued' ? cred.name : cred.row.name;
    return c.body(cred.row.jwt, 200, {
      'Content-Type': 'application/vc+jwt',
      'Content-Disposition': `attachment; filename="${slugify(name, 60, 'certificate')}.jwt"`,
    });
  });

  app.post('/passport/credentials/:id/remove', signedIn, async (c) => {
    const actor = userActor(c);
    const { db, clock } = c.get('deps');
    await removeImported(db, actor.user.id, idParam(c), clock());
    return c.redirect('/passport?notice=removed', 303);
  });

  app.get('/passport/reminders', signedIn, async (c) => {
    const actor = userActor(c);
    const { db, clock } = c.get('deps');
    const now = clock();
    return c.html(RemindersPage({ actor, reminders: remindersFrom(await loadPassport(db, actor.user.id, now), now) }));
  });

  // ------------------------------------------------------------ claim links

  /**
   * Claim links are bearer secrets: cap look-ups per client address (generous, since a whole training room behind
   * one address may claim at once), so guessing tokens or hammering the page is refused with 429 + Retry-After.
   */
  const limitClaims = async (c: AppContext) => {
    const { db, clock } = c.get('deps');
    const d = await hit(db, `claim:${clientAddress(c)}`, CLAIMS_PER_WINDOW, CLAIM_WINDOW_SECONDS, clock());
    if (!d.allowed) {
      throw new AppError('rate_limited', 'Too many claim attempts from here; please wait a few minutes and try again', {
        retryAfterSeconds: d.retryAfterSeconds,
      });
    }
  };

  app.get('/claim', open, async (c) => {
    await limitClaims(c);
    const actor = c.get('actor');
    const { db, clock } = c.get('deps');
    const q = claimQuery.safeParse(c.req.query());
    if (!q.success) return c.html(ClaimProblemPage({ actor, claim: null, malformed: true }), 400);
    const claim = await findClaim(db, q.data.token, clock());
    if (!claim) return c.html(ClaimProblemPage({ actor, claim: null }), 404);
    if (claim.state === 'used' && actor.kind === 'user' && claim.holderUserId === actor.user.id) {
      return c.redirect(`/passport/credentials/${claim.credentialId}?notice=already`, 303);
    }
    if (claim.state !== 'open') return c.html(ClaimProblemPage({ actor, claim }), 410);
    return c.html(ClaimPage({ actor, token: q.data.token, claim }));
  });

  app.post('/claim', signedIn, async (c) => {
    await limitClaims(c);
    const actor = userActor(c);
    const { db, config, clock } = c.get('deps');
    const f = await readForm(c, claimForm);
    if (!f.ok) return c.html(ClaimProblemPage({ actor, claim: null, malformed: true }), 400);
    const now = clock();
    try {
      const r = await claimCredential({ db, config, now, actorUserId: actor.user.id }, f.data.token, actor.user.id);
      return c.redirect(`/passport/credentials/${r.credentialId}?notice=claimed`, 303);
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'gone')) throw err;
      // Single use: a second press (or a link used elsewhere) gets a plain answer, never an error page.
      const claim = await findClaim(db, f.data.token, now);
      if (claim?.state === 'used' && claim.holderUserId === actor.user.id) {
        return c.redirect(`/passport/credentials/${claim.credentialId}?notice=already`, 303);
      }
      return c.html(ClaimProblemPage({ actor, claim }), claim ? 410 : 404);
    }
  });

  // ------------------------------------------------------------ bring my own

  app.get('/passport/import', signedIn, (c) => c.html(ImportPage({ actor: userActor(c), state: { text: '' } })));

  app.post('/passport/import', signedIn, async (c) => {
    const actor = userActor(c);
    const deps = c.get('deps');
    if (Number(c.req.header('content-length') ?? '0') > MAX_IMPORT_BYTES * 4) {
      throw new AppError('payload_too_large', 'That is too large to be a certificate (the limit is 64 KB)');
    }
    let body: Record<string, unknown>;
    try {
      body = (await c.req.parseBody()) as Record<string, unknown>;
    } catch {
      throw new AppError('bad_request', 'The form could not be read');
    }
    const text = typeof body.jwt === 'string' ? body.jwt : '';
    const kept = text.slice(0, MAX_IMPORT_BYTES);
    const refuse = (state: Omit<ImportState, 'text'>, status: 400 | 429 = 400) =>
      c.html(ImportPage({ actor, state: { text: kept, ...state } }), status);
    const file = body.file instanceof File && body.file.size > 0 ? body.file : null;
    let input = text;
    if (file) {
      const lower = file.name.toLowerCase();
      if (!IMPORT_EXTENSIONS.some((ext) => lower.endsWith(ext))) {
        return refuse({
          field: 'file',
          error: 'Choose a .jwt, .json or .txt file. Photos and PDFs cannot be checked.',
        });
      }
      if (file.size > MAX_IMPORT_BYTES) {
        return refuse({
          field: 'file',
          error: 'That file is larger than 64 KB, too large to be a certificate. Check you chose the right file.',
        });
      }
      input = await file.text();
    } else if (text.length > MAX_IMPORT_BYTES) {
      return refuse({
        field: 'jwt',
        error: 'That is longer than 64 KB, too long to be a certificate. Check you copied the right thing.',
      });
    }
    const outcome = await importCredential(deps, actor.user.id, input);
    if (!outcome.ok) {
      const field = file ? 'file' : 'jwt';
      const error = outcome.result
        ? outcome.code === 'duplicate'
          ? outcome.reason
          : `We could not add this certificate: ${plainReason(outcome.code, outcome.reason)}.`
        : outcome.reason;
      return refuse({ field, error, result: outcome.result }, outcome.code === 'rate_limited' ? 429 : 400);
    }
    return c.redirect(`/passport/credentials/${outcome.id}?notice=imported`, 303);
  });

  // ------------------------------------------------------------ sharing

  app.get('/passport/share', signedIn, async (c) => {
    const actor = userActor(c);
    const { db, clock } = c.get('deps');
    const entries = await loadPassport(db, actor.user.id, clock());
    const wanted = c.req.query('credential');
    const preselected = entries.find((e) => e.id === wanted && shareable(e));
    const checked = preselected
      ? [preselected.id]
      : entries.filter((e) => shareable(e) && e.status !== 'expired').map((e) => e.id);
    return c.html(ShareFormPage({ actor, entries, form: emptyForm({ days: '30' }), checked }));
  });

  app.post('/passport/shares', signedIn, async (c) => {
    const actor = userActor(c);
    const { db, config, clock } = c.get('deps');
    const now = clock();
    const entries = await loadPassport(db, actor.user.id, now);
    const f = await readForm(c, shareForm);
    const again = async (form: FormState) => {
      const raw = await c.req.parseBody({ all: true });
      const ids = raw.credentialIds;
      const checked = (Array.isArray(ids) ? ids : ids ? [ids] : []).filter((x): x is string => typeof x === 'string');
      return c.html(ShareFormPage({ actor, entries, form, checked }), 400);
    };
    if (!f.ok) return again(f.state);
    const mineButWithdrawn = f.data.credentialIds.filter((id) => entries.some((e) => e.id === id && !shareable(e)));
    if (mineButWithdrawn.length) {
      return again({
        values: f.values,
        errors: { credentialIds: 'A certificate you chose was withdrawn by its issuer and cannot be shared' },
      });
    }
    let created: Awaited<ReturnType<typeof createShare>>;
    try {
      created = await createShare(db, {
        userId: actor.user.id,
        credentialIds: f.data.credentialIds,
        days: f.data.days,
        label: f.data.label,
        now,
      });
    } catch (err) {
      return again(formStateFrom(err, f.values));
    }
    const names = f.data.credentialIds.map((id) => entries.find((e) => e.id === id)?.name ?? 'Certificate');
    return c.html(ShareCreatedPage({ actor, url: shareUrl(config, created.token), share: created.share, names }));
  });

  app.get('/passport/shares', signedIn, async (c) => {
    const actor = userActor(c);
    const { db, clock } = c.get('deps');
    const [shares, names] = await Promise.all([listShares(db, actor.user.id), credentialNames(db, actor.user.id)]);
    return c.html(
      SharesPage({ actor, shares, names, now: clock(), notice: SHARES_NOTICES[c.req.query('notice') ?? ''] }),
    );
  });

  app.post('/passport/shares/:id/revoke', signedIn, async (c) => {
    const actor = userActor(c);
    const { db, clock } = c.get('deps');
    await revokeShare(db, { userId: actor.user.id, shareId: idParam(c), now: clock() });
    return c.redirect('/passport/shares?notice=revoked', 303);
  });

  // ------------------------------------------------------------ leaving

  app.get('/passport/export', signedIn, async (c) => {
    const actor = userActor(c);
    const { db, clock } = c.get('deps');
    const now = clock();
    const data = await exportPassport(db, actor.user.id, now);
    return c.body(JSON.stringify(data, null, 2), 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="care-passport-${now.toISOString().slice(0, 10)}.json"`,
    });
  });

  app.get('/account/delete', signedIn, (c) => c.html(DeleteAccountPage({ actor: userActor(c), form: emptyForm() })));

  app.post('/account/delete', signedIn, async (c) => {
    const actor = userActor(c);
    const deps = c.get('deps');
    const f = await readForm(c, deleteAccountForm);
    if (!f.ok) return c.html(DeleteAccountPage({ actor, form: f.state }), 400);
    try {
      await deleteAccount(deps, actor.user.id, f.data.confirmEmail);
    } catch (err) {
      if (err instanceof AppError && err.code === 'conflict') {
        return c.html(DeleteAccountPage({ actor, form: emptyForm(f.values), problem: err.message }), 409);
      }
      return c.html(DeleteAccountPage({ actor, form: formStateFrom(err, f.values) }), 400);
    }
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.html(AccountDeletedPage());
  });

  // ------------------------------------------------------------ career pathway

  app.get('/passport/pathway', signedIn, async (c) => {
    const actor = userActor(c);
    const { db, clock } = c.get('deps');
    const view = await loadPathway(db, actor.user.id, clock());
    const form = emptyForm({ currentRoleId: view.currentId ?? '', targetRoleId: view.targetId ?? '' });
    return c.html(PathwayPage({ actor, view, form, notice: PATHWAY_NOTICES[c.req.query('notice') ?? ''] }));
  });

  app.post('/passport/pathway', signedIn, async (c) => {
    const actor = userActor(c);
    const { db, clock } = c.get('deps');
    const now = clock();
    const f = await readForm(c, pathwayForm);
    let form: FormState | null = f.ok ? null : f.state;
    if (f.ok) {
      try {
        await savePathway(db, actor.user.id, f.data, now);
        return c.redirect('/passport/pathway?notice=saved', 303);
      } catch (err) {
        form = formStateFrom(err, f.values);
      }
    }
    const view = await loadPathway(db, actor.user.id, now);
    return c.html(PathwayPage({ actor, view, form: form ?? emptyForm() }), 400);
  });
}
