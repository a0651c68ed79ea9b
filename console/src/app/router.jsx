// Routing by URL with the history API: every page has its own address under /console/ (the server answers each
// with index.html), so pages can be linked, reloaded and opened in another tab.
import { useEffect, useState } from 'react';

export const BASE = '/console';

function currentPath() {
  const path = window.location.pathname.startsWith(BASE) ? window.location.pathname.slice(BASE.length) : '/';
  return path === '' ? '/' : path;
}

export function navigate(path) {
  window.history.pushState(null, '', BASE + path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** @return [the path under /console, the query parameters] */
export function useLocation() {
  const [location, setLocation] = useState(() => [currentPath(), window.location.search]);
  useEffect(() => {
    const update = () => setLocation([currentPath(), window.location.search]);
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return [location[0], new URLSearchParams(location[1])];
}

export function Link({ to, children, ...rest }) {
  function follow(event) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  }
  return <a href={BASE + to} onClick={follow} {...rest}>{children}</a>;
}
