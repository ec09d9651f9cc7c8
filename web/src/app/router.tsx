/**
 * A small client-side router over the History API: paths below Vite's base (`/app/`), a hook for
 * the current location, and a link that navigates without reloading (and moves focus to the main
 * content so screen readers announce the new page).
 */
import { forwardRef, useEffect, useState, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const BASE = import.meta.env.BASE_URL.replace(/\/$/, '');

export interface Location {
  /** Path below the base, starting with `/`. */
  path: string;
  search: URLSearchParams;
}

const listeners = new Set<() => void>();

function read(): Location {
  const raw = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : location.pathname;
  return { path: raw === '' ? '/' : raw, search: new URLSearchParams(location.search) };
}

/** Goes to `to` (a path below the base, with an optional query). */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = `${BASE}${to}`;
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  listeners.forEach((listener) => listener());
  if (!options.replace) {
    window.scrollTo({ top: 0 });
    requestAnimationFrame(() => document.getElementById('main')?.focus({ preventScroll: true }));
  }
}

export function useLocation(): Location {
  const [current, setCurrent] = useState(read);
  useEffect(() => {
    const update = () => setCurrent(read());
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return current;
}

/** Replaces the query string (filters kept in the URL, so reload and back keep them). */
export function setSearch(path: string, values: Record<string, string | null | undefined>): void {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value) params.set(name, value);
  const query = params.toString();
  navigate(`${path}${query ? `?${query}` : ''}`, { replace: true });
}

export const Link = forwardRef<HTMLAnchorElement, { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>>(function Link({ to, onClick, ...rest }, ref) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a ref={ref} href={`${BASE}${to}`} onClick={handle} {...rest} />;
});
