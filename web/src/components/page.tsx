import { type ReactNode, useEffect } from 'react';
import { NavLink } from 'react-router-dom';

/** The page's title (also the document title) with its description and main actions. */
export function PageHeader({
  title,
  description,
  actions,
  eyebrow,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  eyebrow?: ReactNode;
}) {
  useEffect(() => {
    document.title = `${title} · Kindling`;
  }, [title]);
  return (
    <header className="page-header">
      <div className="titles">
        {eyebrow && <div className="eyebrow">{eyebrow}</div>}
        <h1>{title}</h1>
        {description && <p>{description}</p>}
      </div>
      {actions && <div className="actions">{actions}</div>}
    </header>
  );
}

/** Navigation tabs (links), e.g. Campaigns | Ad groups | Ads. */
export function LinkTabs({
  tabs,
  label,
}: {
  tabs: { to: string; label: ReactNode; end?: boolean }[];
  label: string;
}) {
  return (
    <nav className="tabs" aria-label={label}>
      {tabs.map((t) => (
        <NavLink key={t.to} to={t.to} end={t.end}>
          {t.label}
        </NavLink>
      ))}
    </nav>
  );
}
