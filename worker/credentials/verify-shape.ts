/**
 * Hand-written structural checks for the verify hot path. zod (schemas/credential.ts) stays the definition used at
 * issue time and for cold paths; here it would cost about as much as the Ed25519 verify itself, and without
 * `new Function` (workerd) even more. These checks cover every field the verifier and its callers rely on.
 */
import { OB3_CONTEXT, VC2_CONTEXT } from '../../schemas/credential';
import type { JsonObject } from './jwt';

// XSD dateTimeStamp: the time zone is mandatory.
const DATE_TIME_STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
const STATUS_INDEX = /^(0|[1-9][0-9]{0,9})$/;

/** Null when `payload` has the VC 2.0 (and, for OpenBadgeCredential, Open Badges 3.0) shape; otherwise the first problem. */
export function vc2ShapeProblem(payload: JsonObject, isOpenBadge: boolean): string | null {
  const context = payload['@context'];
  if (!Array.isArray(context) || context[0] !== VC2_CONTEXT) return `@context: the first entry must be ${VC2_CONTEXT}`;
  if (!hasType(payload.type, 'VerifiableCredential')) return 'type: must include VerifiableCredential';
  if (payload.id !== undefined && !isIri(payload.id)) return 'id: must be an absolute IRI';
  const issuer = payload.issuer;
  const issuerId = typeof issuer === 'string' ? issuer : isObject(issuer) ? issuer.id : undefined;
  if (!isIri(issuerId)) return 'issuer: must be an IRI or an object with an id';
  for (const key of ['validFrom', 'validUntil'] as const) {
    const value = payload[key];
    if (
      value !== undefined &&
      (typeof value !== 'string' || !DATE_TIME_STAMP.test(value) || Number.isNaN(Date.parse(value)))
    ) {
      return `${key}: must be an XSD dateTimeStamp`;
    }
  }
  const subjects = Array.isArray(payload.credentialSubject) ? payload.credentialSubject : [payload.credentialSubject];
  if (!subjects.length) return 'credentialSubject: required';
  for (const subject of subjects) {
    if (!isObject(subject)) return 'credentialSubject: must be an object';
    if (subject.id !== undefined && !isIri(subject.id)) return 'credentialSubject.id: must be an absolute IRI';
  }
  const status = payload.credentialStatus;
  if (status !== undefined) {
    const entries = Array.isArray(status) ? status : [status];
    if (!entries.every((e) => isObject(e) && typeof e.type === 'string'))
      return 'credentialStatus: entries need a type';
  }
  return isOpenBadge ? openBadgeProblem(payload, context, subjects) : null;
}

function openBadgeProblem(payload: JsonObject, context: unknown[], subjects: unknown[]): string | null {
  if (!context.includes(OB3_CONTEXT)) return `@context: must include ${OB3_CONTEXT}`;
  if (!nonEmpty(payload.name)) return 'name: required';
  const issuer = payload.issuer;
  if (!isObject(issuer) || !hasType(issuer.type, 'Profile')) return 'issuer: must be a Profile object';
  if (subjects.length !== 1) return 'credentialSubject: must be a single AchievementSubject';
  const subject = subjects[0] as JsonObject;
  if (!hasType(subject.type, 'AchievementSubject')) return 'credentialSubject.type: must include AchievementSubject';
  const achievement = subject.achievement;
  if (!isObject(achievement)) return 'credentialSubject.achievement: required';
  if (!isIri(achievement.id)) return 'credentialSubject.achievement.id: must be an absolute IRI';
  if (!hasType(achievement.type, 'Achievement')) return 'credentialSubject.achievement.type: must include Achievement';
  if (!nonEmpty(achievement.name)) return 'credentialSubject.achievement.name: required';
  if (!nonEmpty(achievement.description)) return 'credentialSubject.achievement.description: required';
  if (!isObject(achievement.criteria)) return 'credentialSubject.achievement.criteria: required';
  const alignment = achievement.alignment;
  if (alignment !== undefined) {
    if (!Array.isArray(alignment)) return 'credentialSubject.achievement.alignment: must be an array';
    for (const a of alignment) {
      if (!isObject(a) || !hasType(a.type, 'Alignment') || !nonEmpty(a.targetName) || !isIri(a.targetUrl)) {
        return 'credentialSubject.achievement.alignment: each needs type Alignment, targetName and targetUrl';
      }
    }
  }
  return null;
}

/** Null when `entry` is a well-formed BitstringStatusListEntry; otherwise the problem. */
export function statusEntryProblem(entry: JsonObject): string | null {
  if (typeof entry.statusPurpose !== 'string' || !entry.statusPurpose) return 'statusPurpose: required';
  if (typeof entry.statusListIndex !== 'string' || !STATUS_INDEX.test(entry.statusListIndex)) {
    return 'statusListIndex: must be a non-negative integer string';
  }
  if (!isIri(entry.statusListCredential)) return 'statusListCredential: must be an absolute URL';
  if (entry.statusSize !== undefined && entry.statusSize !== 1) return 'statusSize: only 1-bit entries are supported';
  return null;
}

function hasType(type: unknown, required: string): boolean {
  return Array.isArray(type) ? type.includes(required) : type === required;
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isIri(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 2048 && ABSOLUTE_IRI.test(value);
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
