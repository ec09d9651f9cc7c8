/** The frame around every page: skip link, navigation (a sidebar; a tab bar on phones), the upload tray. */
import type { ReactNode } from 'react';
import { UploadTray } from '../components/UploadTray';
import { WindowDropTarget } from '../components/DropZone';
import { Icon, type IconName } from '../components/Icon';
import { useApp } from './context';
import { Link, useLocation } from './router';

const NAV: readonly { to: string; label: string; icon: IconName }[] = [
  { to: '/', label: 'Library', icon: 'library' },
  { to: '/search', label: 'Search', icon: 'search' },
  { to: '/tags', label: 'Tags', icon: 'tag' },
  { to: '/people', label: 'People', icon: 'people' },
  { to: '/analytics', label: 'Analytics', icon: 'chart' },
];

function isCurrent(path: string, to: string): boolean {
  if (to === '/') return path === '/' || path.startsWith('/media/');
  return path === to || path.startsWith(`${to}/`);
}

export function Layout({ children }: { children: ReactNode }) {
  const { session, signOut } = useApp();
  const { path } = useLocation();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand" aria-label="Mediagraph — library">
          <img src={`${import.meta.env.BASE_URL}icon.svg`} alt="" width={28} height={28} />
          <span>Mediagraph</span>
        </Link>
        <div className="topbar__user">
          <span className="muted" data-testid="signed-in-as">
            {session.claims.username}
            {session.claims.groups.length > 0 ? ` · ${session.claims.groups.join(', ')}` : ''}
          </span>
          <button type="button" className="button button--ghost button--small" onClick={signOut}>
            <Icon name="signout" size={16} /> Sign out
          </button>
        </div>
      </header>
      <nav className="nav" aria-label="Main">
        <ul>
          {NAV.map((item) => (
            <li key={item.to}>
              <Link to={item.to} className="nav__link" aria-current={isCurrent(path, item.to) ? 'page' : undefined}>
                <Icon name={item.icon} />
                <span>{item.label}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
      <UploadTray />
      <WindowDropTarget />
    </div>
  );
}
