import { AddPasskeyButton as AddPasskeyForm } from '../passkeys';

/** What the passkeys card gives the "add a passkey" button. */
interface AddPasskeyButtonProps {
  /** A passkey was registered: the card reloads its list. */
  onAdded: () => void;
}

/**
 * Slot for the "add a passkey" button (WebAuthn registration), filled by the passkeys work
 * (features/passkeys). The passkeys card places it under its list.
 */
export function AddPasskeyButton(props: AddPasskeyButtonProps) {
  return <AddPasskeyForm {...props} />;
}
