import { useEffect, useState } from 'react';
import Form from '@rjsf/core';
import { api, ApiError, seg } from '../api.js';
import Problem from '../Problem.jsx';
import { navigate } from '../router.jsx';
import validator from '../validator.js';

/** The plugin's form (its exported JSON Schema, and its rjsf uiSchema when the server has one). */
async function loadForm(platform) {
  const schema = await api(`/api/platforms/${seg(platform)}/schema`);
  let uiSchema = {};
  try {
    uiSchema = await api(`/api/platforms/${seg(platform)}/ui-schema?renderer=rjsf`);
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 404)) throw e;
  }
  return { schema, uiSchema };
}

/** The API's field errors as rjsf extraErrors on the form's fields, the rest (name, others) apart. */
function splitErrors(errors, schema) {
  const fields = {};
  const other = [];
  let name = null;
  for (const { key, message } of errors) {
    const field = key.startsWith('values.') ? key.slice('values.'.length) : key;
    if (schema?.properties && Object.hasOwn(schema.properties, field)) {
      (fields[field] ||= { __errors: [] }).__errors.push(message);
    } else if (key === 'name') {
      name = message;
    } else {
      other.push({ key, message });
    }
  }
  return { fields, name, other };
}

export default function AddConnection({ platform }) {
  const [form, setForm] = useState(null);
  const [loadError, setLoadError] = useState(null);
  const [name, setName] = useState('');
  const [formData, setFormData] = useState({});
  const [problem, setProblem] = useState(null);
  const [fieldErrors, setFieldErrors] = useState({ fields: {}, name: null, other: [] });
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!platform) return;
    loadForm(platform).then(setForm, setLoadError);
  }, [platform]);

  if (!platform) return <Problem error={new Error('No platform chosen: open "Add connection" from the platforms page')} />;
  if (loadError) return <Problem error={loadError} />;
  if (!form) return <p>Loading…</p>;

  async function submit({ formData: values }) {
    const draft = { name, platform, values: values || {} };
    setBusy(true);
    setProblem(null);
    try {
      await api('/api/connections/validate', { method: 'POST', body: draft });
      await api('/api/connections', { method: 'POST', body: draft });
      navigate(`/connections?created=${encodeURIComponent(name)}`);
    } catch (e) {
      setProblem(e);
      setFieldErrors(e instanceof ApiError ? splitErrors(e.errors, form.schema) : { fields: {}, name: null, other: [] });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section id="add-connection">
      <h2>Add a connection</h2>
      <div className={`form-group field${fieldErrors.name ? ' has-error' : ''}`}>
        <label htmlFor="connection-name">Connection name</label>
        <input id="connection-name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off"
          placeholder="e.g. main-shop" aria-describedby="connection-name-error" />
        {fieldErrors.name && <p className="field-message" id="connection-name-error">{fieldErrors.name}</p>}
      </div>
      <Form schema={form.schema} uiSchema={form.uiSchema} validator={validator} formData={formData}
        onChange={(event) => setFormData(event.formData)} onSubmit={submit} noValidate noHtml5Validate showErrorList={false}
        extraErrors={fieldErrors.fields} disabled={busy}>
        <button type="submit" id="create-connection" disabled={busy}>{busy ? 'Checking…' : 'Create connection'}</button>
      </Form>
      {problem && <Problem error={problem} />}
    </section>
  );
}
