import type { ReactNode } from 'react';

/** A surface grouping related content; its title is an `<h2>` (pages own the single `<h1>`). */
export function Card({ children, title }: { children: ReactNode; title?: string }) {
  return (
    <div className="card">
      {title ? <h2 className="card__title">{title}</h2> : null}
      {children}
    </div>
  );
}
