import { type ComponentProps, useId } from 'react';
import { Icon, type IconName } from './icons';

/** Ids of the hint and error under a control, for `aria-describedby`. */
function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Messages({
  id,
  hint,
  error,
}: {
  id: string;
  hint?: string | undefined;
  error?: string | undefined;
}) {
  return (
    <>
      {hint ? (
        <span id={`${id}-hint`} className="field__hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="field__error">
          {error}
        </span>
      ) : null}
    </>
  );
}

type InputProps = Omit<ComponentProps<'input'>, 'id' | 'className' | 'aria-describedby' | 'aria-invalid'>;

/** A text input with its label, an optional hint and an error message tied to it. */
export function Field({
  label,
  hint,
  error,
  ...input
}: InputProps & { label: string; hint?: string; error?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <Messages id={id} hint={hint} error={error} />
      <input
        {...input}
        id={id}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}

interface SelectOption {
  value: string;
  label: string;
  /** The option's own language, when it is written in one (language names). */
  lang?: string;
}

/** A native `<select>` with its label (visible, or for screen readers only with `hideLabel`). */
export function Select({
  label,
  hideLabel = false,
  hint,
  options,
  value,
  onChange,
  icon,
  testId,
  className,
}: {
  label: string;
  hideLabel?: boolean;
  hint?: string;
  options: readonly SelectOption[];
  value: string;
  onChange: (value: string) => void;
  icon?: IconName;
  testId?: string;
  className?: string;
}) {
  const id = useId();
  return (
    <div className={`field${hideLabel ? ' field--inline' : ''}${className ? ` ${className}` : ''}`}>
      <label className={hideLabel ? 'visually-hidden' : 'field__label'} htmlFor={id}>
        {label}
      </label>
      <Messages id={id} hint={hint} />
      <div className="field__control">
        {icon ? <Icon name={icon} /> : null}
        <select
          id={id}
          data-testid={testId}
          value={value}
          aria-describedby={describedBy(id, hint)}
          onChange={(e) => {
            onChange(e.target.value);
          }}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value} lang={o.lang}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
