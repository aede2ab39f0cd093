/**
 * An in-process app for the benchmarks: the real migrations, reference catalogue and services over a fresh
 * libSQL file (test/helpers/app.ts), with an approved academy, its API token and workers (test/helpers/world.ts).
 */
import { eq } from 'drizzle-orm';
import { issuerKeys } from '../../db/schema';
import type { AchievementInput } from '../../schemas/achievement';
import { decryptPrivateKey } from '../../worker/credentials/keys';
import { didDocumentForSlug } from '../../worker/services/organisations/issuers';
import {
  type IssueContext,
  type LoadedAchievement,
  type Recipient,
  issueContext as issueContextOf,
} from '../../worker/services/academy/issue-types';
import { issueCredentials, loadAchievement } from '../../worker/services/academy/issuance';
import { type TestEnv, makeTestEnv } from '../../test/helpers/app';
import { type World, buildWorld, makeAchievement } from '../../test/helpers/world';

export interface BenchWorld {
  env: TestEnv;
  world: World;
  /** A Moving and handling (level 2) achievement of academy A. */
  loaded: LoadedAchievement;
  issueContext(): IssueContext;
  /** Loads another achievement of academy A (created with `over`). */
  achievement(over?: Partial<AchievementInput>): Promise<LoadedAchievement>;
  /** Issues through the service, as the API and the cohort feature do. */
  issue(recipients: Recipient[], loaded?: LoadedAchievement): ReturnType<typeof issueCredentials>;
  /** Academy A's DID, DID document and private signing JWK (for the library comparisons). */
  issuerKeys(): Promise<{
    did: string;
    kid: string;
    doc: NonNullable<Awaited<ReturnType<typeof didDocumentForSlug>>>;
    privateJwk: JsonWebKey;
  }>;
  close(): void;
}

/** Builds the world; `overrides` go to the app config (e.g. VERIFY_RATE_PER_MINUTE). */
export async function benchWorld(overrides: Record<string, string> = {}): Promise<BenchWorld> {
  const env = await makeTestEnv(overrides);
  const world = await buildWorld(env);
  const achievement = async (over: Partial<AchievementInput> = {}) => {
    const a = await makeAchievement(env, world.academy.id, world.academyStaff.id, over);
    return loadAchievement(env.deps.db, world.academy.id, a.id);
  };
  const loaded = await achievement();
  // The app's own dependencies (Node's Ed25519 included, as the Node server has them).
  const issueContext = (): IssueContext => issueContextOf(env.deps, null);
  return {
    env,
    world,
    loaded,
    issueContext,
    achievement,
    issue: (recipients, which = loaded) => issueCredentials(issueContext(), which, recipients),
    async issuerKeys() {
      const doc = await didDocumentForSlug(env.deps.db, env.deps.config, world.academy.slug);
      if (!doc) throw new Error('academy has no DID document yet: issue a credential first');
      const [row] = await env.deps.db.select().from(issuerKeys).where(eq(issuerKeys.orgId, world.academy.id));
      if (!row) throw new Error('academy has no key');
      const privateJwk = await decryptPrivateKey(env.deps.config.MASTER_KEY, row.privateKeyEnc);
      return { did: doc.id, kid: `${doc.id}#${row.kid}`, doc, privateJwk };
    },
    close: () => env.close(),
  };
}
