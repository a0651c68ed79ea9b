import { ApiError } from './api.js';

/** An API problem shown readably: its detail, then each field error with the field it names. */
export default function Problem({ error }) {
  if (!error) return null;
  const errors = error instanceof ApiError ? error.errors : [];
  return (
    <div className="problem" role="alert" data-testid="problem">
      <p>{error.message}</p>
      {errors.length > 0 && (
        <ul>
          {errors.map((each, index) => (
            <li key={index}><code>{each.key}</code>: {each.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
