import { Flame, LogOut, UserRound } from 'lucide-react';
import { Suspense, useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { type NotificationScope, useUnreadCount } from '../api/notifications';
import { Avatar } from '../components/media';
import { Spinner } from '../components/states';
import type { Profile } from '../session/session';
import { useSession, useSessionContext } from '../session/session';
import { navigationFor } from './navigation';

export function notificationScopeOf(profile: Profile): NotificationScope | null {
  if (profile.kind === 'creator') return { kind: 'creator' };
  if (profile.kind === 'advertiser') return { kind: 'account', accountId: profile.account.id };
  return null;
}

function identity(profile: Profile): { name: string; detail: string } {
  switch (profile.kind) {
    case 'creator':
      return { name: profile.creator.display_name, detail: `@${profile.creator.handle} · Creator` };
    case 'advertiser':
      return {
        name: profile.memberName ?? profile.account.name,
        detail: `${profile.account.name} · ${profile.role === 'ADMIN' ? 'Admin' : 'Analyst'}`,
      };
    case 'platform':
      return { name: 'Platform operator', detail: 'Review, delivery, settings' };
  }
}

function Identicon({ profile }: { profile: Profile }) {
  if (profile.kind === 'creator') return <Avatar creator={profile.creator} />;
  const { name } = identity(profile);
  return (
    <span className="avatar" aria-hidden>
      {name.charAt(0).toUpperCase()}
    </span>
  );
}

export function BrandMark() {
  return (
    <span className="brand-mark" aria-hidden>
      <Flame size={18} strokeWidth={2.4} />
    </span>
  );
}

function UserMenu({ profile }: { profile: Profile }) {
  const { logout } = useSessionContext();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const { name, detail } = identity(profile);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  return (
    <div className="menu mobile-only" ref={ref}>
      <button
        type="button"
        className="btn ghost icon"
        aria-expanded={open}
        aria-haspopup="true"
        aria-label={`Account: ${name}`}
        onClick={() => setOpen((o) => !o)}
      >
        <UserRound size={20} />
      </button>
      {open && (
        <div className="menu-panel">
          <div className="menu-head">
            <strong>{name}</strong>
            <div className="hint">{detail}</div>
          </div>
          <button type="button" onClick={logout}>
            <LogOut size={16} aria-hidden /> Sign out
          </button>
        </div>
      )}
    </div>
  );
}

export function AppShell() {
  const { profile } = useSession();
  const { logout } = useSessionContext();
  const sections = navigationFor(profile);
  const scope = notificationScopeOf(profile);
  const unread = useUnreadCount(scope).data ?? 0;
  const { name, detail } = identity(profile);
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);

  // A route change moves focus to the content so screen-reader users hear the new page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation only
  useEffect(() => {
    mainRef.current?.focus({ preventScroll: true });
    window.scrollTo({ top: 0 });
  }, [location.pathname]);

  const countBadge = (showsUnread?: boolean) =>
    showsUnread && unread > 0 ? (
      <span className="count">
        {unread > 99 ? '99+' : unread}
        <span className="visually-hidden"> unread</span>
      </span>
    ) : null;

  return (
    <div className="shell">
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <aside className="sidebar" aria-label="Main">
        <Link to="/" className="brand">
          <BrandMark />
          <span>
            Kindling
            <small>
              {profile.kind === 'creator'
                ? 'Creator Studio'
                : profile.kind === 'advertiser'
                  ? 'Ads Manager'
                  : 'Admin'}
            </small>
          </span>
        </Link>
        <nav className="nav" aria-label="Sections">
          {sections.map((section) => (
            <div key={section.title} className="nav">
              <div className="nav-section">{section.title}</div>
              {section.items.map((item) => (
                <NavLink key={item.to} to={item.to}>
                  <item.icon size={18} aria-hidden />
                  {item.label}
                  {countBadge(item.showsUnread)}
                </NavLink>
              ))}
            </div>
          ))}
        </nav>
        <div className="sidebar-footer">
          <div className="user-card">
            <Identicon profile={profile} />
            <div className="who">
              <strong>{name}</strong>
              <span>{detail}</span>
            </div>
            <button
              type="button"
              className="btn ghost icon small"
              onClick={logout}
              aria-label="Sign out"
              title="Sign out"
            >
              <LogOut size={16} />
            </button>
          </div>
        </div>
      </aside>
      <div className="main">
        <header className="topbar">
          <Link to="/" className="brand mobile-brand" aria-label="Kindling home">
            <BrandMark />
            <span>Kindling</span>
          </Link>
          <div className="context">
            {profile.kind === 'advertiser' && (
              <>
                <strong>{profile.account.name}</strong>
                <span aria-hidden>·</span>
                <span>
                  {profile.account.currency} · {profile.account.time_zone.replace('_', ' ')}
                </span>
                {profile.role === 'ANALYST' && <span className="badge blue">Read only</span>}
              </>
            )}
            {profile.kind === 'creator' && (
              <>
                <strong>@{profile.creator.handle}</strong>
                <span aria-hidden>·</span>
                <span>{new Intl.NumberFormat().format(profile.creator.follower_count)} followers</span>
              </>
            )}
            {profile.kind === 'platform' && <strong>Platform administration</strong>}
          </div>
          <div className="spacer" />
          <UserMenu profile={profile} />
        </header>
        <main id="content" className="content" ref={mainRef} tabIndex={-1}>
          <Suspense fallback={<Spinner label="Loading the page" />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
      <nav className="bottom-nav" aria-label="Sections">
        {sections
          .flatMap((s) => s.items)
          .map((item) => (
            <NavLink key={item.to} to={item.to}>
              <item.icon size={21} aria-hidden />
              {item.short ?? item.label}
              {countBadge(item.showsUnread)}
            </NavLink>
          ))}
      </nav>
    </div>
  );
}
