/**
 * The whole data model. One schema serves the embedded libSQL file, Cloudflare D1 and the tests;
 * migrations in db/migrations are generated from it by drizzle-kit.
 * Timestamps are UTC ISO-8601 strings (sortable, readable in both runtimes).
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

// ---------------------------------------------------------------- accounts

export const organisations = sqliteTable(
  'organisations',
  {
    id: text('id').primaryKey(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    /** academy = issuer, employer = verifier, commissioner = LA / ICS, platform = operator */
    kind: text('kind', { enum: ['academy', 'employer', 'commissioner', 'platform'] }).notNull(),
    status: text('status', { enum: ['pending', 'approved', 'suspended', 'refused'] })
      .notNull()
      .default('pending'),
    /** Why the platform refused the application, shown to the applicant. */
    refusalReason: text('refusal_reason'),
    areaCode: text('area_code'),
    /**
     * What kind of training provider an academy is, for employers' acceptance rules (an NHS trust may accept prior
     * training only from NHS bodies or CSTF-aligned providers). Recorded by the platform admin at approval.
     */
    providerKind: text('provider_kind', { enum: ['training_provider', 'nhs_body', 'awarding_body'] })
      .notNull()
      .default('training_provider'),
    /** The provider's statutory and mandatory training is aligned to the Core Skills Training Framework. */
    cstfAligned: integer('cstf_aligned', { mode: 'boolean' }).notNull().default(false),
    approvedAt: text('approved_at'),
    approvedBy: text('approved_by'),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('organisations_slug_uq').on(t.slug), index('organisations_kind_idx').on(t.kind)],
);

/** Trust registry: the catalogue frameworks an approved academy may issue against. */
export const issuerScopes = sqliteTable(
  'issuer_scopes',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    frameworkId: text('framework_id')
      .notNull()
      .references(() => frameworks.id),
    approvedAt: text('approved_at').notNull().default(now),
    approvedBy: text('approved_by'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.frameworkId] })],
);

/** Areas (local authorities) commissioners plan for and workers and employers record. */
export const areas = sqliteTable('areas', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  region: text('region'),
});

export const organisationAreas = sqliteTable(
  'organisation_areas',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    areaCode: text('area_code')
      .notNull()
      .references(() => areas.code),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.areaCode] })],
);

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    emailVerifiedAt: text('email_verified_at'),
    passwordHash: text('password_hash').notNull(),
    displayName: text('display_name').notNull(),
    isPlatformAdmin: integer('is_platform_admin', { mode: 'boolean' }).notNull().default(false),
    /** Holder identifier (did:key) the platform keeps for the worker, or one they brought. */
    holderDid: text('holder_did'),
    /** Holder's Ed25519 private key, AES-GCM encrypted with the master key; null for a brought DID. */
    holderKeyEnc: text('holder_key_enc'),
    areaCode: text('area_code').references(() => areas.code),
    currentRoleId: text('current_role_id'),
    targetRoleId: text('target_role_id'),
    /** Consent to count this worker (area, role, credentials) in anonymous workforce aggregates. */
    workforceConsent: integer('workforce_consent', { mode: 'boolean' }).notNull().default(false),
    workforceConsentAt: text('workforce_consent_at'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: text('locked_until'),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('users_email_uq').on(t.email),
    // Covering index for workforce aggregates: consenting workers of an area with their role.
    index('users_workforce_idx').on(t.areaCode, t.workforceConsent, t.id, t.currentRoleId),
  ],
);

export const memberships = sqliteTable(
  'memberships',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['owner', 'admin', 'staff'] }).notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.userId, t.orgId] }), index('memberships_org_idx').on(t.orgId)],
);

export const invitations = sqliteTable(
  'invitations',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role', { enum: ['owner', 'admin', 'staff'] }).notNull(),
    tokenHash: text('token_hash').notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: text('expires_at').notNull(),
    acceptedAt: text('accepted_at'),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('invitations_token_uq').on(t.tokenHash), index('invitations_org_idx').on(t.orgId)],
);

/** Sessions: the id is the SHA-256 (hex) of the cookie token; the token itself is never stored. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: text('expires_at').notNull(),
    csrfSecret: text('csrf_secret').notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Single-use email tokens (verification, password reset), stored hashed. */
export const emailTokens = sqliteTable('email_tokens', {
  id: text('id').primaryKey(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  purpose: text('purpose', { enum: ['verify_email', 'reset_password'] }).notNull(),
  expiresAt: text('expires_at').notNull(),
  usedAt: text('used_at'),
});

/** Local mail transport: every message the product would send, readable at /dev/outbox. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    to: text('to_address').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [index('outbox_to_idx').on(t.to)],
);

export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** JSON array of 'issue' | 'verify' | 'read' */
    scopes: text('scopes').notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: text('created_at').notNull().default(now),
    lastUsedAt: text('last_used_at'),
    revokedAt: text('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash), index('api_tokens_org_idx').on(t.orgId)],
);

/** Fixed-window counters for rate limits (sign-in, claim links, share links, public verifier). */
export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  resetAt: integer('reset_at').notNull(),
});

// ---------------------------------------------------------------- reference catalogue

export const frameworks = sqliteTable('frameworks', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  jurisdiction: text('jurisdiction').notNull(),
  /** 'ladder' frameworks hold roles and bands; 'competency' frameworks hold training items */
  kind: text('kind', { enum: ['ladder', 'competency'] }).notNull(),
  source: text('source').notNull(),
  verified: integer('verified', { mode: 'boolean' }).notNull(),
  note: text('note'),
  sortOrder: integer('sort_order').notNull().default(0),
});

export const bands = sqliteTable(
  'bands',
  {
    id: text('id').primaryKey(),
    frameworkId: text('framework_id')
      .notNull()
      .references(() => frameworks.id),
    code: text('code').notNull(),
    label: text('label').notNull(),
    rank: integer('rank').notNull(),
    typicalRoles: text('typical_roles'),
    note: text('note'),
  },
  (t) => [index('bands_framework_idx').on(t.frameworkId, t.rank)],
);

export const payPoints = sqliteTable(
  'pay_points',
  {
    id: text('id').primaryKey(),
    bandId: text('band_id')
      .notNull()
      .references(() => bands.id),
    /** Pay year, e.g. '2025/26' */
    year: text('year').notNull(),
    point: integer('point').notNull(),
    amountGbp: integer('amount_gbp').notNull(),
    stepYears: integer('step_years'),
    computed: integer('computed', { mode: 'boolean' }).notNull().default(false),
    source: text('source').notNull(),
  },
  (t) => [index('pay_points_band_idx').on(t.bandId, t.year)],
);

export const roles = sqliteTable(
  'roles',
  {
    id: text('id').primaryKey(),
    frameworkId: text('framework_id')
      .notNull()
      .references(() => frameworks.id),
    /** null where the source gives no title (shown as "title unknown") */
    title: text('title'),
    rank: integer('rank').notNull(),
    bandId: text('band_id').references(() => bands.id),
    description: text('description'),
    externalId: text('external_id'),
    verified: integer('verified', { mode: 'boolean' }).notNull().default(true),
    note: text('note'),
  },
  (t) => [index('roles_framework_idx').on(t.frameworkId, t.rank)],
);

/** Competencies, training subjects, delegated tasks and qualifications: every item a credential can align to. */
export const competencies = sqliteTable(
  'competencies',
  {
    id: text('id').primaryKey(),
    frameworkId: text('framework_id')
      .notNull()
      .references(() => frameworks.id),
    kind: text('kind', {
      enum: [
        'care_certificate',
        'mandatory_training',
        'delegated_task',
        'medicines',
        'qualification',
        'specialism',
        'registration',
        'entry',
      ],
    }).notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    level: text('level'),
    /**
     * For a subject passported by level (safeguarding adults level 2): the older item that collapsed its levels
     * (CSTF-SGA "levels 1-3"), so credentials aligned to that item are read at the level they state, else level 1.
     */
    levelOf: text('level_of'),
    /** JSON ItemDetail: typical hours, duration, routes, funding, registration rule, each with its source. */
    detail: text('detail'),
    /** Refresher period in months; null where the item does not expire. */
    refreshMonths: integer('refresh_months'),
    verified: integer('verified', { mode: 'boolean' }).notNull().default(true),
    note: text('note'),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [index('competencies_framework_idx').on(t.frameworkId, t.sortOrder)],
);

/** What each role on a ladder expects. Basis is explained per row; editable by a platform admin. */
export const roleRequirements = sqliteTable(
  'role_requirements',
  {
    id: text('id').primaryKey(),
    roleId: text('role_id')
      .notNull()
      .references(() => roles.id, { onDelete: 'cascade' }),
    competencyId: text('competency_id')
      .notNull()
      .references(() => competencies.id),
    requirement: text('requirement', { enum: ['required', 'recommended'] }).notNull(),
    /** Oldest acceptable training, in months; defaults to the competency's refresher period. */
    maxAgeMonths: integer('max_age_months'),
    basis: text('basis').notNull(),
    /** JSON AcceptanceRule: accepted provider kinds, minimum level, allowable period, time allowed after starting. */
    acceptance: text('acceptance'),
  },
  (t) => [uniqueIndex('role_requirements_uq').on(t.roleId, t.competencyId)],
);

/**
 * Catalogue roles whose requirements a platform admin has edited. The reference seed leaves these roles' requirements
 * alone (it would otherwise add back a requirement the admin removed) until they are reset to the reference data.
 */
export const customisedRoles = sqliteTable('customised_roles', {
  roleId: text('role_id')
    .primaryKey()
    .references(() => roles.id, { onDelete: 'cascade' }),
  editedAt: text('edited_at').notNull(),
  editedByUserId: text('edited_by_user_id').references(() => users.id, { onDelete: 'set null' }),
  note: text('note').notNull(),
});

/** Indicative equivalences between roles (social care <-> NHS) and between competencies (CSTF <-> Care Certificate). */
export const equivalences = sqliteTable(
  'equivalences',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['role', 'competency'] }).notNull(),
    fromId: text('from_id').notNull(),
    toId: text('to_id').notNull(),
    /**
     * 'equivalent' both ways; 'satisfies' means holding `from` meets a requirement for `to`; 'includes' is the same
     * between levels of one subject (a higher level meets a lower requirement, never the reverse); 'comparable'
     * meets nothing: no published equivalence exists, so the employer compares the content.
     */
    relation: text('relation', { enum: ['equivalent', 'satisfies', 'includes', 'comparable'] }).notNull(),
    label: text('label').notNull(),
    source: text('source').notNull(),
    indicative: integer('indicative', { mode: 'boolean' }).notNull().default(true),
    /** official (a regulator or government), published (an awarding or sector body) or indicative (our reading). */
    strength: text('strength', { enum: ['official', 'published', 'indicative'] })
      .notNull()
      .default('indicative'),
  },
  (t) => [index('equivalences_from_idx').on(t.kind, t.fromId), index('equivalences_to_idx').on(t.kind, t.toId)],
);

export const progressionRoutes = sqliteTable('progression_routes', {
  id: text('id').primaryKey(),
  fromRoleId: text('from_role_id')
    .notNull()
    .references(() => roles.id),
  toRoleId: text('to_role_id')
    .notNull()
    .references(() => roles.id),
  label: text('label').notNull(),
  source: text('source').notNull(),
});

// ---------------------------------------------------------------- credentials

/** Ed25519 signing keys of issuers (platform and academies). Private halves AES-GCM encrypted. */
export const issuerKeys = sqliteTable(
  'issuer_keys',
  {
    kid: text('kid').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    did: text('did').notNull(),
    publicJwk: text('public_jwk').notNull(),
    privateKeyEnc: text('private_key_enc').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: text('created_at').notNull().default(now),
    retiredAt: text('retired_at'),
    /** Set when the key was withdrawn as compromised: it leaves the DID document, so nothing verifies with it. */
    withdrawnAt: text('withdrawn_at'),
  },
  (t) => [index('issuer_keys_org_idx').on(t.orgId, t.active)],
);

/**
 * Retiring a compromised issuer key: one job per key, with its progress. Every credential the key signed is either
 * revoked (in one batch with the key's withdrawal) or re-signed under the organisation's new key, batch by batch,
 * the key being withdrawn only once none is left; a rerun continues a job that a crash interrupted.
 */
export const keyRetirements = sqliteTable('key_retirements', {
  kid: text('kid')
    .primaryKey()
    .references(() => issuerKeys.kid, { onDelete: 'cascade' }),
  orgId: text('org_id')
    .notNull()
    .references(() => organisations.id, { onDelete: 'cascade' }),
  mode: text('mode', { enum: ['revoke', 'reissue'] }).notNull(),
  reason: text('reason').notNull(),
  status: text('status', { enum: ['running', 'done'] }).notNull(),
  /** Credentials signed with the key when the job started, and how many of them are dealt with. */
  total: integer('total').notNull(),
  done: integer('done').notNull().default(0),
  createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: text('created_at').notNull(),
  completedAt: text('completed_at'),
});

/** Credential templates an academy defines. */
export const achievements = sqliteTable(
  'achievements',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull(),
    criteria: text('criteria').notNull(),
    achievementType: text('achievement_type').notNull(),
    level: text('level'),
    validityMonths: integer('validity_months'),
    assessmentMethod: text('assessment_method', {
      enum: ['e-learning', 'classroom', 'observed-practice', 'blended', 'assessment'],
    }).notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: text('created_at').notNull().default(now),
    archivedAt: text('archived_at'),
  },
  (t) => [index('achievements_org_idx').on(t.orgId)],
);

export const achievementAlignments = sqliteTable(
  'achievement_alignments',
  {
    achievementId: text('achievement_id')
      .notNull()
      .references(() => achievements.id, { onDelete: 'cascade' }),
    competencyId: text('competency_id')
      .notNull()
      .references(() => competencies.id),
  },
  (t) => [
    primaryKey({ columns: [t.achievementId, t.competencyId] }),
    index('achievement_alignments_comp_idx').on(t.competencyId),
  ],
);

/** Bitstring status lists, one per issuer and purpose. Bits are derived from credential rows. */
export const statusLists = sqliteTable(
  'status_lists',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    // message: one 2-bit entry per credential (valid, revoked, suspended); revocation/suspension: older 1-bit lists.
    purpose: text('purpose', { enum: ['revocation', 'suspension', 'message'] }).notNull(),
    size: integer('size').notNull(),
    /** Bumped in the same batch as every status change, so cached list credentials are invalidated. */
    version: integer('version').notNull().default(0),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [index('status_lists_org_idx').on(t.orgId, t.purpose)],
);

export const issueBatches = sqliteTable(
  'issue_batches',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    achievementId: text('achievement_id')
      .notNull()
      .references(() => achievements.id),
    /** SHA-256 of the normalised CSV rows + achievement: re-uploading the same batch finds this one. */
    contentHash: text('content_hash').notNull(),
    fileName: text('file_name'),
    status: text('status', { enum: ['preview', 'issuing', 'done'] }).notNull(),
    totalRows: integer('total_rows').notNull(),
    validRows: integer('valid_rows').notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: text('created_at').notNull().default(now),
    confirmedAt: text('confirmed_at'),
    completedAt: text('completed_at'),
  },
  (t) => [uniqueIndex('issue_batches_content_uq').on(t.orgId, t.contentHash)],
);

export const issueBatchRows = sqliteTable(
  'issue_batch_rows',
  {
    batchId: text('batch_id')
      .notNull()
      .references(() => issueBatches.id, { onDelete: 'cascade' }),
    rowNo: integer('row_no').notNull(),
    /** The row as parsed (JSON), kept for the result CSV. */
    data: text('data').notNull(),
    state: text('state', { enum: ['invalid', 'pending', 'issued', 'failed'] }).notNull(),
    error: text('error'),
    credentialId: text('credential_id'),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.rowNo] }), index('issue_batch_rows_state_idx').on(t.batchId, t.state)],
);

/** Every credential issued here. The JWT is the credential; other columns index it. */
export const credentials = sqliteTable(
  'credentials',
  {
    id: text('id').primaryKey(),
    issuerOrgId: text('issuer_org_id')
      .notNull()
      .references(() => organisations.id),
    achievementId: text('achievement_id')
      .notNull()
      .references(() => achievements.id),
    subjectUserId: text('subject_user_id').references(() => users.id, { onDelete: 'set null' }),
    subjectDid: text('subject_did'),
    subjectEmail: text('subject_email'),
    subjectName: text('subject_name'),
    /** How the credential is secured: vc+jwt (VC-JOSE-COSE) or vc+di (Data Integrity eddsa-rdfc-2022). */
    /**
     * Where the signed body is in the body store when not under the credential's id: a claim or a re-signing writes
     * the new body under a fresh key first, then switches the row to it in the same conditional write as the rest.
     */
    bodyRef: text('body_ref'),
    format: text('format', { enum: ['vc+jwt', 'vc+di'] })
      .notNull()
      .default('vc+jwt'),
    kid: text('kid').notNull(),
    validFrom: text('valid_from').notNull(),
    validUntil: text('valid_until'),
    status: text('status', { enum: ['active', 'suspended', 'revoked'] })
      .notNull()
      .default('active'),
    statusReason: text('status_reason'),
    revocationListId: text('revocation_list_id')
      .notNull()
      .references(() => statusLists.id),
    suspensionListId: text('suspension_list_id')
      .notNull()
      .references(() => statusLists.id),
    statusIndex: integer('status_index').notNull(),
    batchId: text('batch_id'),
    batchRow: integer('batch_row'),
    /** The credential this one renews; the passport shows only the newest of a chain. */
    replacesId: text('replaces_id'),
    replacedById: text('replaced_by_id'),
    evidence: text('evidence'),
    /** Catalogue items the achievement aligned to at issue time (JSON array of competency ids). */
    alignedIds: text('aligned_ids').notNull().default('[]'),
    issuedAt: text('issued_at').notNull(),
  },
  (t) => [
    uniqueIndex('credentials_status_index_uq').on(t.revocationListId, t.statusIndex),
    uniqueIndex('credentials_batch_row_uq').on(t.batchId, t.batchRow),
    index('credentials_subject_idx').on(t.subjectUserId, t.issuedAt),
    // Covering index for workforce aggregates (a worker's credentials without touching the JWT text).
    index('credentials_workforce_idx').on(
      t.subjectUserId,
      t.validFrom,
      t.validUntil,
      t.alignedIds,
      t.issuerOrgId,
      t.status,
      t.replacedById,
    ),
    index('credentials_issuer_idx').on(t.issuerOrgId, t.issuedAt),
    index('credentials_email_idx').on(t.subjectEmail),
    index('credentials_achievement_idx').on(t.achievementId),
  ],
);

/** Single-use, expiring links that let a learner without a passport claim a credential. */
/**
 * The signed credentials themselves: a compact vc+jwt, or for `format` vc+di the JSON text with its embedded proof.
 * Kept apart from `credentials` (whose rows are what every query reads) so the bodies can live in object storage or a
 * second database at national scale (worker/runtime/credential-bodies.ts); this table is where they live by default.
 */
export const credentialBodies = sqliteTable('credential_bodies', {
  /** The credential's id, or the fresh key its row names in `body_ref` after a re-signing. */
  key: text('key').primaryKey(),
  body: text('body').notNull(),
});

export const claims = sqliteTable(
  'claims',
  {
    tokenHash: text('token_hash').primaryKey(),
    credentialId: text('credential_id')
      .notNull()
      .references(() => credentials.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    expiresAt: text('expires_at').notNull(),
    usedAt: text('used_at'),
  },
  (t) => [index('claims_credential_idx').on(t.credentialId)],
);

/** Credentials issued elsewhere that a worker brought into their passport, with the verification result. */
export const importedCredentials = sqliteTable(
  'imported_credentials',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    jwt: text('jwt').notNull(),
    issuer: text('issuer').notNull(),
    name: text('name').notNull(),
    format: text('format').notNull(),
    validFrom: text('valid_from'),
    validUntil: text('valid_until'),
    alignedIds: text('aligned_ids').notNull().default('[]'),
    verification: text('verification').notNull(),
    importedAt: text('imported_at').notNull().default(now),
  },
  (t) => [index('imported_credentials_user_idx').on(t.userId)],
);

export const shares = sqliteTable(
  'shares',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    /**
     * The link's token sealed with AES-256-GCM under a key derived from MASTER_KEY (bound to this share's id), so
     * the owner can see a live link again. Cleared when the share is stopped; null for shares made before.
     */
    tokenEnc: text('token_enc'),
    label: text('label'),
    /** The shared credentials; each opening signs a fresh holder presentation of them (audience + nonce). */
    credentialIds: text('credential_ids').notNull(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('shares_token_uq').on(t.tokenHash), index('shares_user_idx').on(t.userId)],
);

export const shareViews = sqliteTable(
  'share_views',
  {
    id: text('id').primaryKey(),
    shareId: text('share_id')
      .notNull()
      .references(() => shares.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['opened', 'verified'] }).notNull(),
    viewerOrgId: text('viewer_org_id').references(() => organisations.id, { onDelete: 'set null' }),
    at: text('at').notNull().default(now),
  },
  (t) => [index('share_views_share_idx').on(t.shareId, t.at)],
);

/**
 * Offers to put one passport credential into a wallet app (OpenID for Verifiable Credential Issuance, pre-authorised
 * code flow). Single-use and short-lived: the pre-authorised code and the PIN are stored only as hashes (the PIN hashed
 * together with the code, so a copy of the table cannot be searched for PINs), the code is exchanged once for an
 * access token (also hashed), and the token is spent on one credential. The wallet copy issued is recorded on the
 * row (its id, the wallet's DID and the signed JWT), so the worker's history and the academy's register show it.
 */
export const walletOffers = sqliteTable(
  'wallet_offers',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    credentialId: text('credential_id')
      .notNull()
      .references(() => credentials.id, { onDelete: 'cascade' }),
    issuerOrgId: text('issuer_org_id')
      .notNull()
      .references(() => organisations.id),
    codeHash: text('code_hash').notNull(),
    txCodeHash: text('tx_code_hash').notNull(),
    /** Wrong PINs tried; the offer stops working after a few. */
    failedAttempts: integer('failed_attempts').notNull().default(0),
    expiresAt: text('expires_at').notNull(),
    accessTokenHash: text('access_token_hash'),
    accessTokenExpiresAt: text('access_token_expires_at'),
    redeemedAt: text('redeemed_at'),
    walletCredentialId: text('wallet_credential_id'),
    holderDid: text('holder_did'),
    walletJwt: text('wallet_jwt'),
    issuedAt: text('issued_at'),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('wallet_offers_code_uq').on(t.codeHash),
    uniqueIndex('wallet_offers_token_uq').on(t.accessTokenHash),
    index('wallet_offers_user_idx').on(t.userId, t.createdAt),
    index('wallet_offers_credential_idx').on(t.credentialId),
  ],
);

/**
 * An employer's request to a wallet app for proof (OpenID for Verifiable Presentations): the nonce and state the
 * wallet must answer with, until when, for which role; then, once, the verified outcome of the wallet's answer.
 */
export const presentationRequests = sqliteTable(
  'presentation_requests',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    roleRef: text('role_ref'),
    nonce: text('nonce').notNull(),
    state: text('state').notNull(),
    expiresAt: text('expires_at').notNull(),
    /** 'pending' until a wallet answers, then 'verified' or 'failed'. */
    status: text('status').notNull().default('pending'),
    respondedAt: text('responded_at'),
    holderDid: text('holder_did'),
    /** JSON: the check report, its stored input and the role fit, as shown to the employer. */
    outcome: text('outcome'),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('presentation_requests_state_uq').on(t.state),
    index('presentation_requests_org_idx').on(t.orgId, t.createdAt),
  ],
);

/** Nonces handed to wallets for their key proofs (c_nonce); each is used once, before it expires. */
export const walletNonces = sqliteTable(
  'wallet_nonces',
  {
    nonce: text('nonce').primaryKey(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('wallet_nonces_expiry_idx').on(t.expiresAt)],
);

/**
 * Challenges this service issued as a verifier: each binds one presentation to its audience (domain), optionally
 * to the holder expected to answer, and to an expiry. A challenge is consumed only by a presentation that verified,
 * so someone who sees it cannot burn it with a presentation of their own.
 */
export const presentationChallenges = sqliteTable(
  'presentation_challenges',
  {
    challenge: text('challenge').primaryKey(),
    audience: text('audience').notNull(),
    holder: text('holder'),
    expiresAt: text('expires_at').notNull(),
    consumedAt: text('consumed_at'),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [index('presentation_challenges_expiry_idx').on(t.expiresAt)],
);

/**
 * Single issues made idempotent: an API client's Idempotency-Key, or the one-time key of the academy's issue form,
 * with a hash of what was asked. A retry with the same key answers with the credential already issued; the same key
 * with a different request is refused. Written in the same batch as the credential, so both exist or neither.
 */
export const issueRequests = sqliteTable(
  'issue_requests',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    credentialId: text('credential_id')
      .notNull()
      .references(() => credentials.id, { onDelete: 'cascade' }),
    createdAt: text('created_at').notNull(),
    /** When the learner's notice went out; null while it has not (a retry then sends it). */
    notifiedAt: text('notified_at'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.key] }), index('issue_requests_credential_idx').on(t.credentialId)],
);

// ---------------------------------------------------------------- employers

export const employerRoles = sqliteTable(
  'employer_roles',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    catalogueRoleId: text('catalogue_role_id').references(() => roles.id),
    bandLabel: text('band_label'),
    payText: text('pay_text'),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [index('employer_roles_org_idx').on(t.orgId)],
);

export const employerRoleRequirements = sqliteTable(
  'employer_role_requirements',
  {
    employerRoleId: text('employer_role_id')
      .notNull()
      .references(() => employerRoles.id, { onDelete: 'cascade' }),
    competencyId: text('competency_id')
      .notNull()
      .references(() => competencies.id),
    requirement: text('requirement', { enum: ['required', 'recommended'] }).notNull(),
    maxAgeMonths: integer('max_age_months'),
    /** JSON AcceptanceRule, as on catalogue role requirements. */
    acceptance: text('acceptance'),
  },
  (t) => [primaryKey({ columns: [t.employerRoleId, t.competencyId] })],
);

export const savedVerifications = sqliteTable(
  'saved_verifications',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    candidateName: text('candidate_name'),
    /** 'share' | 'credential' | 'presentation' */
    inputKind: text('input_kind').notNull(),
    /** The JWT(s) or share id checked, so a re-check uses the same input. */
    input: text('input').notNull(),
    roleRef: text('role_ref'),
    result: text('result').notNull(),
    createdAt: text('created_at').notNull().default(now),
    checkedAt: text('checked_at').notNull(),
  },
  (t) => [index('saved_verifications_org_idx').on(t.orgId, t.createdAt)],
);

// ---------------------------------------------------------------- intelligence and audit

/** Role changes of consenting workers, for progression (moves up a band) over time. */
export const roleHistory = sqliteTable(
  'role_history',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    areaCode: text('area_code'),
    fromRoleId: text('from_role_id'),
    toRoleId: text('to_role_id').notNull(),
    bandUp: integer('band_up', { mode: 'boolean' }).notNull(),
    at: text('at').notNull(),
  },
  (t) => [index('role_history_area_idx').on(t.areaCode, t.at)],
);

export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: text('id').primaryKey(),
    at: text('at').notNull(),
    actorUserId: text('actor_user_id'),
    actorOrgId: text('actor_org_id'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    details: text('details'),
  },
  (t) => [
    index('audit_events_org_idx').on(t.actorOrgId, t.at),
    index('audit_events_target_idx').on(t.targetType, t.targetId),
  ],
);

/** Encrypted, versioned key material and other small platform settings. */
export const platformSettings = sqliteTable('platform_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull().default(now),
});

// ---------------------------------------------------------------- workforce releases

/** Each counted worker's random record key (0..65535) for cell-key perturbation; kept for good. */
export const workforceRecordKeys = sqliteTable('workforce_record_keys', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  recordKey: integer('record_key').notNull(),
});

/** Published workforce releases: figures frozen at a release point, never live. */
export const workforceReleases = sqliteTable(
  'workforce_releases',
  {
    id: text('id').primaryKey(),
    /** When the snapshot was taken (ISO-8601). */
    cutAt: text('cut_at').notNull(),
    /** The month the release stands for, 'YYYY-MM'. */
    period: text('period').notNull(),
    /** The release key added to cell keys (secret: never published). */
    releaseKey: integer('release_key').notNull(),
    /** The disclosure method, e.g. 'cell-key-v1'. */
    method: text('method').notNull(),
    cutBy: text('cut_by').references(() => users.id, { onDelete: 'set null' }),
    /** Set once every cell is stored; only published releases are shown. */
    publishedAt: text('published_at'),
  },
  (t) => [index('workforce_releases_cut_idx').on(t.cutAt)],
);

/** One area's protected tables for one role category ('all' or a category key) in a release, as JSON. */
export const workforceReleaseCells = sqliteTable(
  'workforce_release_cells',
  {
    releaseId: text('release_id')
      .notNull()
      .references(() => workforceReleases.id, { onDelete: 'cascade' }),
    areaCode: text('area_code').notNull(),
    category: text('category').notNull(),
    tables: text('tables').notNull(),
  },
  (t) => [primaryKey({ columns: [t.releaseId, t.areaCode, t.category] })],
);
