/** After signing in without a return path, people land where they work; several places lead to the chooser. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAs, join, postForm } from '../helpers/accounts';
import { Browser, type TestEnv, makeTestEnv } from '../helpers/app';
import { PASSWORD, type World, buildWorld } from '../helpers/world';

let env: TestEnv;
let world: World;

beforeAll(async () => {
  env = await makeTestEnv();
  world = await buildWorld(env);
});
afterAll(() => env.close());

const landingOf = async (email: string, next?: string) => {
  const res = await postForm(new Browser(env), '/sign-in', { email, password: PASSWORD, ...(next ? { next } : {}) });
  expect(res.status).toBe(303);
  return res.headers.get('location');
};

describe('landing after sign-in', () => {
  it('takes each person to the one place they work, and workers to their passport', async () => {
    expect(await landingOf(world.worker.email)).toBe('/passport');
    expect(await landingOf(world.academyStaff.email)).toBe(`/academy/${world.academy.slug}`);
    expect(await landingOf(world.employerStaff.email)).toBe(`/employer/${world.employer.slug}`);
    expect(await landingOf(world.commissionerStaff.email)).toBe(`/commissioner/${world.commissioner.slug}`);
    expect(await landingOf(world.admin.email)).toBe('/admin');
  });

  it('keeps an explicit return path', async () => {
    expect(await landingOf(world.academyStaff.email, '/passport/shares')).toBe('/passport/shares');
  });

  it('sends someone with several workplaces to the chooser, which lists each and the passport', async () => {
    await join(env, world.employer.id, world.otherAcademyStaff.id, 'staff');
    expect(await landingOf(world.otherAcademyStaff.email)).toBe('/start');
    const b = await browserAs(env, world.otherAcademyStaff.id);
    expect((await b.get('/sign-in')).headers.get('location')).toBe('/start');
    const page = await (await b.get('/start')).text();
    expect(page).toContain(`href="/academy/${world.otherAcademy.slug}"`);
    expect(page).toContain('Southern Skills Ltd (training provider)');
    expect(page).toContain(`href="/employer/${world.employer.slug}"`);
    expect(page).toContain('Sunrise Care Homes (employer)');
    expect(page).toContain('<a href="/passport">My skills passport</a>');
  });

  it('asks someone not signed in to sign in before the chooser', async () => {
    const res = await new Browser(env).get('/start');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('/sign-in');
  });
});
