import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Icon, type IconName } from './icons';

type Variant = 'primary' | 'secondary';

function classes(variant: Variant, block: boolean): string {
  return `button button--${variant}${block ? ' button--block' : ''}`;
}

/** An action on this page. For going somewhere, use ButtonLink. */
export function Button({
  children,
  onClick,
  variant = 'primary',
  type = 'button',
  block = false,
  icon,
}: {
  children: ReactNode;
  onClick?: () => void;
  variant?: Variant;
  type?: 'button' | 'submit';
  block?: boolean;
  icon?: IconName;
}) {
  return (
    <button type={type} className={classes(variant, block)} onClick={onClick}>
      {icon ? <Icon name={icon} /> : null}
      {children}
    </button>
  );
}

/** A link that looks like a button: inside the app (`/card`), or a `tel:`/`https:` address. */
export function ButtonLink({
  to,
  children,
  variant = 'primary',
  block = false,
  icon,
}: {
  to: string;
  children: ReactNode;
  variant?: Variant;
  block?: boolean;
  icon?: IconName;
}) {
  const content = (
    <>
      {icon ? <Icon name={icon} /> : null}
      {children}
    </>
  );
  return /^[a-z][a-z0-9+.-]*:/i.test(to) ? (
    <a href={to} className={classes(variant, block)}>
      {content}
    </a>
  ) : (
    <Link to={to} className={classes(variant, block)}>
      {content}
    </Link>
  );
}
