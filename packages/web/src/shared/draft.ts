import { type ChangeEvent, useState } from 'react';

/**
 * The draft of a form of text fields: its values, its setter, and `bind(name)`, the value and the
 * change handler that tie one `<Field>` to one of them.
 */
export function useDraft<D extends Record<string, string>>(initial: D) {
  const [draft, setDraft] = useState<D>(initial);
  const bind = (name: keyof D & string) => ({
    value: draft[name],
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      const { value } = e.target;
      setDraft((d) => ({ ...d, [name]: value }));
    },
  });
  return { draft, setDraft, bind };
}
