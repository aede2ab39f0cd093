/** Validates a credential (or a JWT claims set that is one) against the published Open Badges 3.0 JSON Schema. */
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';

// Imported as a module (not read from disk) so the same check runs inside workerd.
import schemaJson from '../fixtures/standards/achievementcredential.schema.json';

const schema = schemaJson as Record<string, unknown>;

const ajv = new Ajv2019({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

/** The schema's complaints about `credential` as "path: message" lines; empty when it conforms. */
export function ob3SchemaErrors(credential: unknown): string[] {
  if (validate(credential)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
}
