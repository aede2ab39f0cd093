/** What people see instead of machine words: friendly kind names, and a "Technical details" disclosure for the rest. */
import type { Child } from 'hono/jsx';
import { type Lang, type MessageKey, t } from '../i18n/messages';

/** Open Badges achievement types in words a hiring manager or care worker uses. */
const KIND_NAMES: Record<string, Extract<MessageKey, `credKind.${string}`>> = {
  CertificateOfCompletion: 'credKind.certificateOfCompletion',
  Certificate: 'credKind.certificate',
  Certification: 'credKind.certification',
  Competency: 'credKind.competency',
  Diploma: 'credKind.qualification',
  Degree: 'credKind.qualification',
  AssociateDegree: 'credKind.qualification',
  BachelorDegree: 'credKind.qualification',
  MasterDegree: 'credKind.qualification',
  ApprenticeshipCertificate: 'credKind.apprenticeship',
  License: 'credKind.license',
  Course: 'credKind.course',
  Award: 'credKind.award',
  Badge: 'credKind.badge',
  MicroCredential: 'credKind.microCredential',
  Assessment: 'credKind.assessment',
  Achievement: 'credKind.achievement',
  LearningProgram: 'credKind.learningProgram',
  Membership: 'credKind.membership',
};

/** A credential's kind in plain words ("Training certificate"), never a raw type name. */
export function kindName(type: string, lang: Lang = 'en'): string {
  const known = Object.hasOwn(KIND_NAMES, type) ? KIND_NAMES[type] : undefined;
  if (known) return t(lang, known);
  const words = type
    .replace(/^ext:/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[._-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Identifiers, keys, proof types and formats, folded away under one "Technical details" summary (not printed). */
export function TechnicalDetails({ children, lang = 'en' }: { children?: Child; lang?: Lang }) {
  return (
    <details class="technical small no-print">
      <summary>{t(lang, 'technical.summary')}</summary>
      {children}
    </details>
  );
}

/** A long identifier that may wrap on a phone screen (break opportunities every 16 characters). */
export function Breakable({ text }: { text: string }) {
  const parts = text.match(/.{1,16}/g) ?? [text];
  return (
    <code class="small">
      {parts.map((part, i) => (
        <>
          {i ? <wbr /> : null}
          {part}
        </>
      ))}
    </code>
  );
}
