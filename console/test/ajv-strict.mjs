// Compiles a Storelink connection schema with Ajv in strict mode (its default), the way a UI that validates with its
// own Ajv would, then validates each instance given after it.
//   node test/ajv-strict.mjs <schema.json> [<instance.json> ...]
// Prints one JSON line: {"compiled": true, "results": [{"valid": true|false, "errors": [...]}]} or
// {"compiled": false, "error": "<Ajv's message>"}; exits 0 when it compiled, 1 when not.
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const [schemaFile, ...instanceFiles] = process.argv.slice(2);
const read = (file) => JSON.parse(readFileSync(file, 'utf8'));
const ajv = new Ajv({ strict: true, allErrors: true });
addFormats(ajv);
let validate;
try {
  validate = ajv.compile(read(schemaFile));
} catch (e) {
  console.log(JSON.stringify({ compiled: false, error: e.message }));
  process.exit(1);
}
const results = instanceFiles.map((file) => {
  const valid = validate(read(file));
  return { valid, errors: (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`) };
});
console.log(JSON.stringify({ compiled: true, results }));
