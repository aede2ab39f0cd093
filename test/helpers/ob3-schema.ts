/** Validates a credential (or a JWT claims set that is one) against the published Open Badges 3.0 JSON Schema. */
import { readFileSync } from 'node:fs';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';

const schema = JSON.parse(
  readFileSync(new URL('../fixtures/standards/achievementcredential.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

const ajv = new Ajv2019({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

/** The schema's complaints about `credential` as "path: message" lines; empty when it conforms. */
export function ob3SchemaErrors(credential: unknown): string[] {
  if (validate(credential)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
}
