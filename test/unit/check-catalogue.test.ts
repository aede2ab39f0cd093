import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCatalogue, literalsIn } from '../../scripts/check-catalogue';

const texts = (source: string) => literalsIn('web/pages/x.tsx', source).map((l) => l.text);

describe('literalsIn', () => {
  it('finds words between tags and in attributes people read, with their line', () => {
    const source = `export const P = () => (\n  <main>\n    <h1>Your passport</h1>\n    <input aria-label="Search roles" placeholder="Type a role" />\n    <Field label="Your name" />\n  </main>\n);\n`;
    expect(literalsIn('web/pages/x.tsx', source)).toEqual([
      { file: 'web/pages/x.tsx', line: 3, text: 'Your passport' },
      { file: 'web/pages/x.tsx', line: 4, text: 'Search roles' },
      { file: 'web/pages/x.tsx', line: 4, text: 'Type a role' },
      { file: 'web/pages/x.tsx', line: 5, text: 'Your name' },
    ]);
  });

  it('finds a string written as a JSX expression child', () => {
    expect(texts(`const P = () => <p>{'Nothing is due'}</p>;`)).toEqual(['Nothing is due']);
  });

  it('leaves machine words alone: classes, addresses, field names, catalogue keys, code samples, marks', () => {
    const source = `const P = ({ t }) => (\n  <form method="post" action="/passport/shares" class="stack">\n    <input name="displayName" type="text" autocomplete="name" />\n    <AuthField label="auth.yourName" />\n    <code>eyJ</code> · {t('share.create')} → 42\n    <span>Care Passport</span>\n  </form>\n);\n`;
    expect(texts(source)).toEqual([]);
  });
});

describe('checkCatalogue', () => {
  it('fails a file with words outside the catalogue, and a pending file that is already clean', () => {
    const root = mkdtempSync(join(tmpdir(), 'catalogue-'));
    try {
      mkdirSync(join(root, 'web/pages'), { recursive: true });
      mkdirSync(join(root, 'worker/routes'), { recursive: true });
      writeFileSync(join(root, 'web/pages/a.tsx'), `export const A = () => <p>Hello there</p>;\n`);
      writeFileSync(join(root, 'web/pages/b.tsx'), `export const B = ({ t }) => <p>{t('x.y')}</p>;\n`);
      writeFileSync(join(root, 'web/pages/c.tsx'), `export const C = () => <p>Still English</p>;\n`);
      const result = checkCatalogue(root, ['web/pages/b.tsx', 'web/pages/c.tsx']);
      expect(result.offenders.map((o) => o.file)).toEqual(['web/pages/a.tsx']);
      expect(result.clean).toEqual(['web/pages/b.tsx']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
