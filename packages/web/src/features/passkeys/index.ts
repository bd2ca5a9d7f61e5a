/**
 * Passkeys (issue 4 §5, "Đăng nhập bằng vân tay / khuôn mặt"): the sign-in button for the sign-in
 * screen and the "add" form for the profile's passkeys card (which lists and removes them).
 */
export { PasskeySignInButton } from './passkey-sign-in-button';
export { AddPasskeyButton } from './add-passkey-button';
