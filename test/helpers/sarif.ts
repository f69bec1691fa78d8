// Validates a SARIF log against the SARIF 2.1.0 schema.
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

// The OASIS SARIF 2.1.0 schema, as Microsoft's own SARIF tooling ships it.
const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;

/** The schema's complaints about a SARIF text (none when it is valid). */
let compiled: ReturnType<Ajv['compile']> | undefined;
export function sarifErrors(text: string): string[] {
  if (!compiled) {
    // The schema's patterns are ECMAScript regular expressions without the u flag.
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    compiled = ajv.compile(schema);
  }
  const validate = compiled;
  return validate(JSON.parse(text)) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

