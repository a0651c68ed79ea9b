import { useEffect, useState } from 'react';
import { api, ApiError, forgetToken, saveToken, savedToken } from './api.js';

function Login({ onLogin }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState(null);
  async function submit(event) {
    event.preventDefault();
    try {
      await api('/api/platforms', { token });
      saveToken(token);
      onLogin();
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? 'That token was refused.' : e.message);
    }
  }
  return (
    <form onSubmit={submit} id="login">
      <h1>Storelink</h1>
      <label htmlFor="token">API token</label>
      <input id="token" type="password" value={token} onChange={(e) => setToken(e.target.value)} autoComplete="off" />
      <button type="submit">Sign in</button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}

function Platforms() {
  const [platforms, setPlatforms] = useState(null);
  useEffect(() => { api('/api/platforms').then((document) => setPlatforms(document.platforms)); }, []);
  if (!platforms) return <p>Loading…</p>;
  return (
    <section id="platforms">
      <h2>Platforms</h2>
      <ul>{platforms.map((p) => <li key={p.id}>{p.name}</li>)}</ul>
    </section>
  );
}

export default function App() {
  const [signedIn, setSignedIn] = useState(Boolean(savedToken()));
  if (!signedIn) return <Login onLogin={() => setSignedIn(true)} />;
  return (
    <main>
      <button type="button" onClick={() => { forgetToken(); setSignedIn(false); }}>Sign out</button>
      <Platforms />
    </main>
  );
}
