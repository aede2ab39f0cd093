/**
 * Hand-written structural checks for the verify hot path. zod (schemas/credential.ts) stays the definition used at
 * issue time and for cold paths; here it would cost about as much as the Ed25519 verify itself, and without
 * `new Function` (workerd) even more. These checks cover every field the verifier and its callers rely on.
 */
import { OB3_CONTEXT, VC2_CONTEXT } from '../../schemas/credential';
import type { SchemaRule } from './errors';
import type { JsonObject } from './jwt';

// XSD dateTimeStamp: the time zone is mandatory.
const DATE_TIME_STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
const STATUS_INDEX = /^(0|[1-9][0-9]{0,9})$/;

/** Which data-model rule a credential broke; reported as `rule` next to the stable `schema_invalid` code. */
export type ShapeProblem = { code: SchemaRule; message: string };

const problem = (code: SchemaRule, message: string): ShapeProblem => ({ code, message });

// VC 2.0 properties whose objects MUST carry a type (§4.10 status, §4.11 schema, §4.12 refresh, terms, evidence).
const TYPED_PROPERTIES = ['credentialStatus', 'credentialSchema', 'refreshService', 'termsOfUse', 'evidence', 'proof'];

/** Null when `payload` has the VC 2.0 (and, for Open Badges credentials, Open Badges 3.0) shape; otherwise the first problem. */
export function vc2ShapeProblem(payload: JsonObject, isOpenBadge: boolean): ShapeProblem | null {
  const context = payload['@context'];
  if (!Array.isArray(context) || context[0] !== VC2_CONTEXT)
    return problem('context_invalid', `@context: the first entry must be ${VC2_CONTEXT}`);
  for (const entry of context) {
    if (typeof entry === 'string' ? !isUrl(entry) : !isObject(entry))
      return problem('context_invalid', '@context: each entry must be a URL or an object');
  }
  if (!hasType(payload.type, 'VerifiableCredential'))
    return problem('type_invalid', 'type: must include VerifiableCredential');
  if (payload.id !== undefined && !isIri(payload.id)) return problem('id_invalid', 'id: must be an absolute IRI');
  const issuer = payload.issuer;
  const issuerId = typeof issuer === 'string' ? issuer : isObject(issuer) ? issuer.id : undefined;
  if (!isIri(issuerId)) return problem('issuer_invalid', 'issuer: must be an IRI or an object with an id');
  const dates = datesProblem(payload);
  if (dates) return dates;
  const subjects = Array.isArray(payload.credentialSubject) ? payload.credentialSubject : [payload.credentialSubject];
  if (!subjects.length) return problem('subject_invalid', 'credentialSubject: required');
  for (const subject of subjects) {
    if (!isObject(subject)) return problem('subject_invalid', 'credentialSubject: must be an object');
    if (!Object.keys(subject).length) return problem('subject_invalid', 'credentialSubject: must make a claim');
    if (subject.id !== undefined && !isIri(subject.id))
      return problem('subject_invalid', 'credentialSubject.id: must be an absolute IRI');
  }
  const typed = typedObjectsProblem(payload);
  if (typed) return typed;
  return isOpenBadge ? openBadgeProblem(payload, context, subjects) : null;
}

function datesProblem(payload: JsonObject): ShapeProblem | null {
  for (const key of ['validFrom', 'validUntil'] as const) {
    const value = payload[key];
    if (
      value !== undefined &&
      (typeof value !== 'string' || !DATE_TIME_STAMP.test(value) || Number.isNaN(Date.parse(value)))
    ) {
      return problem('date_invalid', `${key}: must be an XSD dateTimeStamp`);
    }
  }
  // VC 2.0 §4.9: validFrom must not be later than validUntil.
  if (typeof payload.validFrom === 'string' && typeof payload.validUntil === 'string') {
    if (Date.parse(payload.validFrom) > Date.parse(payload.validUntil))
      return problem('date_invalid', 'validFrom: must not be later than validUntil');
  }
  return null;
}

/** Status entries, schemas, refresh services, terms of use, evidence and proofs: objects with a type (and URL ids). */
function typedObjectsProblem(payload: JsonObject): ShapeProblem | null {
  for (const property of TYPED_PROPERTIES) {
    const value = payload[property];
    if (value === undefined) continue;
    const items = Array.isArray(value) ? value : [value];
    if (property !== 'evidence' && property !== 'proof' && !items.length)
      return problem('typed_object_invalid', `${property}: must not be empty`);
    for (const item of items) {
      if (!isObject(item) || !hasAnyType(item.type))
        return problem('typed_object_invalid', `${property}: each object must have a type`);
      if (item.id !== undefined && !isIri(item.id))
        return problem('typed_object_invalid', `${property}.id: must be a single URL`);
    }
    if (property === 'credentialSchema' && items.some((i) => !isIri((i as JsonObject).id)))
      return problem('typed_object_invalid', 'credentialSchema: each needs an id (a URL)');
    if (
      property === 'credentialStatus' &&
      items.some((i) => (i as JsonObject).id !== undefined && !isUrl((i as JsonObject).id))
    )
      return problem('status_entry_invalid', 'credentialStatus.id: must be a URL');
  }
  return null;
}

function openBadgeProblem(payload: JsonObject, context: unknown[], subjects: unknown[]): ShapeProblem | null {
  const ob = (message: string) => problem('open_badge_invalid', message);
  if (!context.includes(OB3_CONTEXT)) return problem('context_invalid', `@context: must include ${OB3_CONTEXT}`);
  if (!nonEmpty(payload.name)) return ob('name: required');
  const issuer = payload.issuer;
  if (!isObject(issuer) || !hasType(issuer.type, 'Profile')) return ob('issuer: must be a Profile object');
  if (subjects.length !== 1) return ob('credentialSubject: must be a single AchievementSubject');
  const subject = subjects[0] as JsonObject;
  if (!hasType(subject.type, 'AchievementSubject'))
    return ob('credentialSubject.type: must include AchievementSubject');
  const achievement = subject.achievement;
  if (!isObject(achievement)) return ob('credentialSubject.achievement: required');
  if (!isIri(achievement.id)) return ob('credentialSubject.achievement.id: must be an absolute IRI');
  if (!hasType(achievement.type, 'Achievement'))
    return ob('credentialSubject.achievement.type: must include Achievement');
  if (!nonEmpty(achievement.name)) return ob('credentialSubject.achievement.name: required');
  if (!nonEmpty(achievement.description)) return ob('credentialSubject.achievement.description: required');
  if (!isObject(achievement.criteria)) return ob('credentialSubject.achievement.criteria: required');
  const alignment = achievement.alignment;
  if (alignment !== undefined) {
    if (!Array.isArray(alignment)) return ob('credentialSubject.achievement.alignment: must be an array');
    for (const a of alignment) {
      if (!isObject(a) || !hasType(a.type, 'Alignment') || !nonEmpty(a.targetName) || !isIri(a.targetUrl)) {
        return ob('credentialSubject.achievement.alignment: each needs type Alignment, targetName and targetUrl');
      }
    }
  }
  return null;
}

/** Null when `entry` is a well-formed BitstringStatusListEntry; otherwise the problem. */
export function statusEntryProblem(entry: JsonObject): string | null {
  if (entry.id !== undefined && !isUrl(entry.id)) return 'id: must be a single URL';
  if (typeof entry.statusPurpose !== 'string' || !entry.statusPurpose) return 'statusPurpose: required';
  if (typeof entry.statusListIndex !== 'string' || !STATUS_INDEX.test(entry.statusListIndex)) {
    return 'statusListIndex: must be a non-negative integer string';
  }
  if (!isIri(entry.statusListCredential)) return 'statusListCredential: must be an absolute URL';
  const size = entry.statusSize ?? 1;
  if (!Number.isInteger(size) || (size as number) < 1 || (size as number) > 8)
    return 'statusSize: must be an integer from 1 to 8';
  return statusMessageProblem(entry.statusMessage, size as number);
}

/** Bitstring Status List: with statusSize > 1, statusMessage lists one message per possible value. */
function statusMessageProblem(messages: unknown, size: number): string | null {
  if (messages === undefined) return size > 1 ? 'statusMessage: required when statusSize is greater than 1' : null;
  if (!Array.isArray(messages)) return 'statusMessage: must be an array';
  if (size > 1 && messages.length !== 2 ** size)
    return `statusMessage: must list ${2 ** size} messages for statusSize ${size}`;
  for (const m of messages) {
    if (!isObject(m) || typeof m.status !== 'string' || !/^0x[0-9a-fA-F]+$/.test(m.status) || !nonEmpty(m.message))
      return 'statusMessage: each needs a hexadecimal status ("0x...") and a message';
  }
  return null;
}

function hasAnyType(type: unknown): boolean {
  return Array.isArray(type) ? type.length > 0 && type.every(nonEmpty) : nonEmpty(type);
}

// A URL (scheme and authority or a URN-like body); @context entries and status ids must be URLs, not any IRI.
function isUrl(value: unknown): value is string {
  return isIri(value) && /^[A-Za-z][A-Za-z0-9+.-]*:(\/\/[^\s/?#]+|[^\s]+)/.test(value) && !/^did:/.test(value);
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
