import { useEffect, useState } from 'react';
import { api, ApiError, forgetToken, saveToken, savedToken, SIGNED_OUT } from './api.js';
import { Link, useLocation } from './router.jsx';
import AddConnection from './pages/AddConnection.jsx';
import Connections from './pages/Connections.jsx';
import Order from './pages/Order.jsx';
import Orders from './pages/Orders.jsx';
import Platforms from './pages/Platforms.jsx';
import Ship from './pages/Ship.jsx';
import Status from './pages/Status.jsx';

function Login({ onLogin, expired }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState(null);
  async function submit(event) {
    event.preventDefault();
    try {
      await api('/api/platforms', { token: token.trim() });
      saveToken(token.trim());
      onLogin();
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? 'That token was refused.' : e.message);
    }
  }
  return (
    <form onSubmit={submit} id="login" className="login">
      <h1>Storelink</h1>
      {expired && <p className="muted">Signed out: the API no longer accepts the token this tab had.</p>}
      <label htmlFor="token">API token</label>
      <input id="token" type="password" value={token} onChange={(e) => setToken(e.target.value)} autoComplete="off" />
      <p className="hint">The token is in the file <code>api-token</code> in the Storelink home. This tab keeps it
        until you sign out or close the tab.</p>
      <button type="submit">Sign in</button>
      {error && <p role="alert" className="bad" id="login-error">{error}</p>}
    </form>
  );
}

/** The page for a path under /console. */
function route(path, params) {
  let m;
  if (path === '/' || path === '/platforms') return <Platforms />;
  if (path === '/connections') return <Connections created={params.get('created')} />;
  if (path === '/connections/new') return <AddConnection platform={params.get('platform')} />;
  if ((m = /^\/connections\/([^/]+)\/status$/.exec(path))) return <Status name={decodeURIComponent(m[1])} />;
  if ((m = /^\/connections\/([^/]+)\/orders$/.exec(path))) return <Orders name={decodeURIComponent(m[1])} />;
  if ((m = /^\/connections\/([^/]+)\/orders\/([^/]+)$/.exec(path))) {
    return <Order name={decodeURIComponent(m[1])} number={decodeURIComponent(m[2])} />;
  }
  if ((m = /^\/connections\/([^/]+)\/orders\/([^/]+)\/ship$/.exec(path))) {
    const [name, number] = [decodeURIComponent(m[1]), decodeURIComponent(m[2])];
    return <Ship key={`${name}/${number}`} name={name} number={number} />;
  }
  return <p role="alert">There is no page at {path}. <Link to="/">Platforms</Link></p>;
}

export default function App() {
  const [signedIn, setSignedIn] = useState(Boolean(savedToken()));
  const [expired, setExpired] = useState(false);
  const [path, params] = useLocation();
  useEffect(() => {
    const signedOut = () => { setExpired(true); setSignedIn(false); };
    window.addEventListener(SIGNED_OUT, signedOut);
    return () => window.removeEventListener(SIGNED_OUT, signedOut);
  }, []);
  if (!signedIn) return <Login expired={expired} onLogin={() => { setExpired(false); setSignedIn(true); }} />;
  const section = path.startsWith('/connections') ? 'connections' : 'platforms';
  return (
    <>
      <header className="top">
        <strong>Storelink</strong>
        <nav>
          <Link to="/" id="nav-platforms" aria-current={section === 'platforms' ? 'page' : undefined}>Platforms</Link>
          <Link to="/connections" id="nav-connections"
            aria-current={section === 'connections' ? 'page' : undefined}>Connections</Link>
        </nav>
        <button type="button" id="sign-out" onClick={() => { forgetToken(); setSignedIn(false); }}>Sign out</button>
      </header>
      <main key={path + params}>{route(path, params)}</main>
    </>
  );
}
