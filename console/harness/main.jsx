// A page that draws one Storelink connection form with one renderer at that renderer's default settings, for the
// browser tests (server's FormRenderersIT); it is built to target/harness and never packed into the console.
//   index.html?lib=rjsf|jsonforms&schema=<url>&ui=<url>
// On submit it leaves what the renderer hands over in window.__submitted (valid) or window.__errors (not valid).
import { createRoot } from 'react-dom/client';
import { useState } from 'react';
import Form from '@rjsf/core';
import validator from '@rjsf/validator-ajv8';
import { createDefaultValue } from '@jsonforms/core';
import { JsonForms } from '@jsonforms/react';
import { vanillaCells, vanillaRenderers } from '@jsonforms/vanilla-renderers';

const query = new URLSearchParams(window.location.search);
const load = async (name) => {
  const url = query.get(name);
  if (!url) {
    return undefined;
  }
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`${name}: ${url} answered ${response.status}`);
  }
  return response.json();
};

function Rjsf({ schema, uiSchema }) {
  return (
    <Form
      schema={schema}
      uiSchema={uiSchema}
      validator={validator}
      onSubmit={({ formData }) => { window.__submitted = formData; }}
      onError={(errors) => { window.__errors = errors; }}
    />
  );
}

function JsonFormsPage({ schema, uiSchema }) {
  // JSON Forms draws the data it is given and fills in no defaults at its defaults; its own helper reads them.
  const [state, setState] = useState({ data: createDefaultValue(schema, schema), errors: [] });
  const submit = (event) => {
    event.preventDefault();
    if (state.errors.length === 0) {
      window.__submitted = state.data;
    } else {
      window.__errors = state.errors;
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      <JsonForms
        schema={schema}
        uischema={uiSchema}
        data={state.data}
        renderers={vanillaRenderers}
        cells={vanillaCells}
        onChange={({ data, errors }) => setState({ data, errors: errors ?? [] })}
      />
      <button type="submit">Submit</button>
    </form>
  );
}

const root = createRoot(document.getElementById('root'));
try {
  const [schema, uiSchema] = await Promise.all([load('schema'), load('ui')]);
  const lib = query.get('lib');
  if (lib === 'rjsf') {
    root.render(<Rjsf schema={schema} uiSchema={uiSchema} />);
  } else if (lib === 'jsonforms') {
    root.render(<JsonFormsPage schema={schema} uiSchema={uiSchema} />);
  } else {
    throw new Error(`lib is '${lib}'; expected rjsf or jsonforms`);
  }
  document.body.dataset.ready = lib;
} catch (e) {
  document.body.dataset.failed = e.message;
  root.render(<pre id="failure">{e.message}</pre>);
}
