// rjsf's validator, without eval. The console's Content-Security-Policy allows no 'unsafe-eval', and Ajv (behind
// @rjsf/validator-ajv8) compiles every schema with new Function, which the browser then refuses. @cfworker/json-schema
// interprets schemas instead. The server's validate endpoint stays the authority on submit; this validator serves
// rjsf's schema work (choosing oneOf/anyOf options) and the form's own checks.
// @rjsf/validator-ajv8 stays in package.json only because @rjsf/core's index re-exports getTestRegistry, which
// imports it; nothing here uses it, so the bundle holds no Ajv (ConsoleIT checks the browser logs no CSP refusal).
import { Validator } from '@cfworker/json-schema';
import { createErrorHandler, toErrorList, toErrorSchema, unwrapErrorHandler, validationDataMerge } from '@rjsf/utils';

// Keywords that only say "something below failed": the failure below is the one to show.
const WRAPPERS = new Set(['properties', 'allOf', 'anyOf', 'oneOf', '$ref', 'items', 'additionalProperties',
  'dependencies', 'if', 'then', 'else']);

function draftOf(schema) {
  const uri = schema?.$schema || '';
  if (uri.includes('draft-04')) return '4';
  if (uri.includes('draft-07') || uri.includes('draft-06')) return '7';
  if (uri.includes('2019-09')) return '2019-09';
  return '2020-12';
}

function run(schema, data, rootSchema) {
  const withDefinitions = rootSchema && rootSchema !== schema
    ? { ...schema, definitions: rootSchema.definitions, $defs: rootSchema.$defs } : schema;
  return new Validator(withDefinitions, draftOf(rootSchema || schema), false).validate(data === undefined ? null : data);
}

function propertyPath(location) {
  // '#/store-url' -> ['store-url']; JSON Pointer escapes undone.
  return location.replace(/^#\/?/, '').split('/').filter(Boolean)
    .map((part) => decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~'));
}

function toRjsfErrors(result, schema) {
  return result.errors.filter((error) => !WRAPPERS.has(error.keyword)).map((error) => {
    const path = propertyPath(error.instanceLocation);
    let message = error.error;
    if (error.keyword === 'required') {
      const missing = /"([^"]+)"/.exec(error.error);
      if (missing) path.push(missing[1]);
      message = 'is required';
    }
    const field = path.reduce((node, key) => node?.properties?.[key], schema);
    if (error.keyword === 'pattern' && field?.pattern_descriptor) {
      message = `expected ${field.pattern_descriptor}`;
    }
    const property = path.length ? `.${path.join('.')}` : '';
    return { name: error.keyword, property, message, stack: `${property || 'form'} ${message}`.trim(),
      schemaPath: error.keywordLocation, params: {} };
  });
}

const validator = {
  validateFormData(formData, schema, customValidate, transformErrors, uiSchema) {
    let errors = toRjsfErrors(run(schema, formData), schema);
    if (typeof transformErrors === 'function') errors = transformErrors(errors, uiSchema);
    let data = { errors, errorSchema: toErrorSchema(errors) };
    if (typeof customValidate === 'function') {
      const custom = unwrapErrorHandler(customValidate(formData, createErrorHandler(formData), uiSchema));
      data = validationDataMerge(data, custom);
    }
    return data;
  },
  toErrorList(errorSchema, fieldPath) {
    return toErrorList(errorSchema, fieldPath);
  },
  isValid(schema, formData, rootSchema) {
    try {
      return run(schema, formData, rootSchema).valid;
    } catch {
      return false;
    }
  },
  rawValidation(schema, formData) {
    try {
      return { errors: run(schema, formData).errors };
    } catch (validationError) {
      return { errors: [], validationError };
    }
  },
};

export default validator;
