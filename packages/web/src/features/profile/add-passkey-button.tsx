/** What the passkeys card gives the "add a passkey" button. */
export interface AddPasskeyButtonProps {
  /** A passkey was registered: the card reloads its list. */
  onAdded: () => void;
}

/**
 * SLOT for the "add a passkey" button (WebAuthn registration), filled by the passkeys work
 * (another helper). It renders nothing until then; the passkeys card places it under its list.
 */
export function AddPasskeyButton(_props: AddPasskeyButtonProps) {
  return null;
}
