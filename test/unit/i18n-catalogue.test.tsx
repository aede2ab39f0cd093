/** The message catalogue: English complete, Welsh only for keys English has, same placeholders, review tracked. */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CY_REVIEWED, cy } from '../../web/i18n/cy';
import { en } from '../../web/i18n/en';
import { awaitingReview, placeholders, t, unreviewedWelsh } from '../../web/i18n/messages';
import { rich } from '../../web/i18n/rich';
import { Layout } from '../../web/layout';

const englishKeys = new Set(Object.keys(en));

describe('message catalogue', () => {
  it('gives every key to one area file only (a key in two areas would silently override the other)', async () => {
    const dir = new URL('../../web/i18n/catalogue/', import.meta.url);
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const area = (await import(new URL(file, dir).href)) as {
        en: Record<string, string>;
        cy: Record<string, string>;
      };
      for (const key of Object.keys(area.en)) {
        const first = owner.get(key);
        if (first) clashes.push(`${key} in ${first} and ${file}`);
        else owner.set(key, file);
      }
      expect(
        Object.keys(area.cy).filter((k) => !(k in area.en)),
        file,
      ).toEqual([]);
    }
    expect(clashes).toEqual([]);
    expect(owner.size).toBe(englishKeys.size);
  });

  it('has Welsh only for keys that have English, and no empty messages', () => {
    const welshKeys = Object.keys(cy);
    expect(welshKeys.length).toBeGreaterThan(100);
    expect(welshKeys.filter((k) => !englishKeys.has(k))).toEqual([]);
    for (const [key, text] of [...Object.entries(en), ...Object.entries(cy)]) {
      expect(typeof text === 'string' && text.trim().length > 0, key).toBe(true);
    }
  });

  it('keeps the same placeholders in Welsh as in English', () => {
    const mismatched = Object.entries(cy)
      .filter(([key, text]) => placeholders(text ?? '').join() !== placeholders(en[key as keyof typeof en]).join())
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it('lists every Welsh entry as awaiting review until a Welsh speaker marks it reviewed', () => {
    expect(CY_REVIEWED.filter((k) => !(k in cy))).toEqual([]);
    const unreviewed = unreviewedWelsh();
    expect(unreviewed.length + CY_REVIEWED.length).toBe(Object.keys(cy).length);
    expect(unreviewed).toContain('passport.title');
    expect(awaitingReview('cy')).toBe(unreviewed.length > 0);
    expect(awaitingReview('en')).toBe(false);
  });

  it('fills placeholders, and falls back to English where Welsh is missing', () => {
    expect(t('en', 'share.hintSome', { ticked: 2, offered: 5 })).toBe(
      '2 of 5 are ticked. Tick or untick any to choose what to share.',
    );
    expect(t('cy', 'share.days', { days: 30 })).toBe('30 diwrnod');
    expect(t('cy', 'passport.title')).toBe('Fy mhasbort');
    const missing = (Object.keys(en) as (keyof typeof en)[]).find((k) => !(k in cy));
    if (missing) expect(t('cy', missing as 'passport.title')).toBe(en[missing]);
  });

  it('puts pieces of page in place of placeholders without losing the words around them', async () => {
    const parts = rich('cy', 'cert.renewed', { link: <a href="/x">newydd</a> });
    const html = (await (<p>{parts}</p>).toString()) as string;
    expect(html).toBe('<p>Mae’r dystysgrif hon wedi’i hadnewyddu. <a href="/x">newydd</a>.</p>');
  });

  it('marks a page rendered in Welsh with lang="cy" and the review note; English pages carry neither', async () => {
    const actor = { kind: 'anonymous' } as const;
    const welsh = String(await (<Layout title="Prawf" actor={actor} lang="cy" children={<p>Helo</p>} />).toString());
    expect(welsh).toContain('<html lang="cy">');
    expect(welsh).toContain('Cyfieithiad heb ei adolygu eto');
    expect(welsh).toContain('<a href="/verify">Dilysu</a>');
    const english = String(await (<Layout title="Test" actor={actor} children={<p>Hello</p>} />).toString());
    expect(english).toContain('<html lang="en-GB">');
    expect(english).not.toContain('Cyfieithiad heb ei adolygu eto');
  });
});
