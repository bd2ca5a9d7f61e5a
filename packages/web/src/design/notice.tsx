import type { ReactNode } from 'react';
import { Icon, type IconName } from './icons';

type Tone = 'info' | 'warn' | 'ok';
const ICONS: Record<Tone, IconName> = { info: 'info', warn: 'info', ok: 'shield' };

/**
 * A short message in a coloured box. `live` makes it a polite live region: only for messages
 * that appear while the person is on the page, not for text that is there from the start.
 */
export function Notice({
  tone = 'info',
  icon,
  live = false,
  children,
}: {
  tone?: Tone;
  icon?: IconName;
  live?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={`notice notice--${tone}`} role={live ? 'status' : undefined}>
      <Icon name={icon ?? ICONS[tone]} />
      <div>{children}</div>
    </div>
  );
}
