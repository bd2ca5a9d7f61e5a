import type { StaffGroup } from '../../shared/paths';
import { VneidButton as VneidSignInButton } from '../vneid';

/** What the sign-in screen gives the VNeID button. */
interface VneidButtonProps {
  /** Signing in to a back office (VNeID is for citizens: the button may stay hidden there). */
  group: StaffGroup | null;
}

/**
 * Slot for "Đăng nhập bằng tài khoản định danh điện tử VNeID" (OpenID Connect), filled by the
 * VNeID work (features/vneid). The sign-in screen already places it
 * under the passkey button. The OIDC flow leaves the app and comes back to a callback that opens
 * the session; the screen then learns it from `/session` (SessionProvider in app/session asks on load).
 */
export function VneidButton(props: VneidButtonProps) {
  return <VneidSignInButton {...props} />;
}
