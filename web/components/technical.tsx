/** What people see instead of machine words: friendly kind names, and a "Technical details" disclosure for the rest. */
import type { Child } from 'hono/jsx';

/** Open Badges achievement types in words a hiring manager or care worker uses. */
const KIND_NAMES: Record<string, string> = {
  CertificateOfCompletion: 'Training certificate',
  Certificate: 'Certificate',
  Certification: 'Certification',
  Competency: 'Competency sign-off',
  Diploma: 'Qualification',
  Degree: 'Qualification',
  AssociateDegree: 'Qualification',
  BachelorDegree: 'Qualification',
  MasterDegree: 'Qualification',
  ApprenticeshipCertificate: 'Apprenticeship certificate',
  License: 'Licence or registration',
  Course: 'Course',
  Award: 'Award',
  Badge: 'Badge',
  MicroCredential: 'Short course certificate',
  Assessment: 'Assessment result',
  Achievement: 'Achievement',
  LearningProgram: 'Learning programme',
  Membership: 'Membership',
};

/** A credential's kind in plain words ("Training certificate"), never a raw type name. */
export function kindName(type: string): string {
  const known = KIND_NAMES[type];
  if (known) return known;
  const words = type
    .replace(/^ext:/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[._-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Identifiers, keys, proof types and formats, folded away under one "Technical details" summary (not printed). */
export function TechnicalDetails({ children }: { children?: Child }) {
  return (
    <details class="technical small no-print">
      <summary>Technical details</summary>
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
