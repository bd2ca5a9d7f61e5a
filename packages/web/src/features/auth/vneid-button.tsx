import type { StaffGroup } from '../../shared/paths';

/** What the sign-in screen gives the VNeID button. */
export interface VneidButtonProps {
  /** Signing in to a back office (VNeID is for citizens: the button may stay hidden there). */
  group: StaffGroup | null;
}

/**
 * SLOT for "Đăng nhập bằng tài khoản định danh điện tử VNeID" (OpenID Connect), filled by the
 * VNeID work (another helper). It renders nothing until then; the sign-in screen already places it
 * under the passkey button. The OIDC flow leaves the app and comes back to a callback that opens
 * the session; the screen then learns it from `/session` (SessionProvider asks on load).
 */
export function VneidButton(_props: VneidButtonProps) {
  return null;
}
