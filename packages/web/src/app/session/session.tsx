import {
  createContext,
  type ReactNode,
  startTransition,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { CSRF_COOKIE, readCookie, UNAUTHORIZED_EVENT } from '../../shared/api';
import { PATHS } from '../../shared/paths';
import { forgetPersonalData } from '../../shared/personal-data';
import { fetchSession, refreshSession, type Session, signOut as endSession, signOutEverywhere } from './api';
import { type ProbeCalls, probeSession, type SessionState } from './session-probe';

/** How often a signed-in screen asks whether its session still holds (and on focus). */
const SESSION_POLL_MS = 15_000;

interface SessionContextValue {
  state: SessionState;
  /** The signed-in session, or null. */
  session: Session | null;
  /** After a successful sign-in (password, OTP, passkey, VNeID): the session the server answered. */
  signedIn: (session: Session) => void;
  /** Asks the server again (after a password change, to retry when offline…). */
  reload: () => Promise<void>;
  /** Signs this device out (or every device); the state becomes anonymous even if the call fails. */
  signOut: (options?: { everywhere?: boolean }) => Promise<void>;
  /** The signed-out screen was shown: forget the ended session and clear its cookies. */
  acknowledgeEnd: () => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** Who is signed in, for any feature: `const { session } = useSession()`. */
export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() outside <SessionProvider>');
  return value;
}

const PROBE_CALLS: ProbeCalls = {
  hasSessionCookie: () => readCookie(CSRF_COOKIE) !== undefined,
  fetchSession: () => fetchSession({}),
};

/**
 * Holds the session for the whole app: asks `/session` at start, then every 15 s while a session is
 * open and the page is visible, and again whenever the window regains focus, so that a device
 * replaced by another learns it at once and shows why.
 */
function SessionProvider({ children }: { children: ReactNode }) {
  // Without the readable cookie nobody is signed in: known at once, so the first render already
  // shows what an anonymous visitor sees (no jump when the probe answers).
  const [state, setState] = useState<SessionState>(() =>
    PROBE_CALLS.hasSessionCookie() ? { status: 'loading' } : { status: 'anonymous' },
  );
  // The state the next probe starts from (read in callbacks, never during render).
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  }, [state]);
  const inFlight = useRef<Promise<void> | null>(null);

  const reload = useCallback((): Promise<void> => {
    const started = stateRef.current;
    inFlight.current ??= probeSession(started, PROBE_CALLS)
      .then((next) => {
        // A sign-in or sign-out that happened while the probe was out wins over the probe; an
        // unchanged session keeps its object, so that a poll re-renders nothing. A transition:
        // the pages that follow render in slices, not in one long task (a slow phone's TBT).
        startTransition(() => {
          setState((current) => {
            if (current !== started) return current;
            if (
              current.status === 'signed_in' &&
              next.status === 'signed_in' &&
              JSON.stringify(current.session) === JSON.stringify(next.session)
            )
              return current;
            return next;
          });
        });
      })
      .finally(() => {
        inFlight.current = null;
      });
    return inFlight.current;
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  const signedInNow = state.status === 'signed_in';
  useEffect(() => {
    if (!signedInNow) return;
    const check = () => {
      if (document.visibilityState === 'visible') void reload();
    };
    const timer = window.setInterval(check, SESSION_POLL_MS);
    window.addEventListener('focus', check);
    document.addEventListener('visibilitychange', check);
    // A call answered 401: the session may have ended (another device, expiry); ask now.
    const unauthorized = () => void reload();
    window.addEventListener(UNAUTHORIZED_EVENT, unauthorized);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', check);
      document.removeEventListener('visibilitychange', check);
      window.removeEventListener(UNAUTHORIZED_EVENT, unauthorized);
    };
  }, [signedInNow, reload]);

  const signedIn = useCallback((session: Session) => {
    setState({ status: 'signed_in', session });
  }, []);

  const signOut = useCallback(async (options: { everywhere?: boolean } = {}) => {
    try {
      await (options.everywhere ? signOutEverywhere({}) : endSession({}));
    } finally {
      forgetPersonalData();
      setState({ status: 'anonymous', farewell: options.everywhere ? 'signedOutEverywhere' : 'signedOut' });
    }
  }, []);

  const acknowledgeEnd = useCallback(() => {
    forgetPersonalData();
    setState((current) => (current.status === 'ended' ? { status: 'anonymous' } : current));
    // The ended session's cookies are useless now: a refresh of an ended session fails and the
    // server clears them with its answer (sign-out would refuse an ended session and keep them).
    refreshSession({ body: {} }).catch(() => undefined);
  }, []);

  const value = useMemo<SessionContextValue>(
    () => ({
      state,
      session: state.status === 'signed_in' ? state.session : null,
      signedIn,
      reload,
      signOut,
      acknowledgeEnd,
    }),
    [state, signedIn, reload, signOut, acknowledgeEnd],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** Paths that stay reachable while an issued password is still unchanged, or a session has ended. */
const ALWAYS_OPEN: readonly string[] = [PATHS.newPassword, PATHS.signedOut, PATHS.devInbox];

/**
 * Sends the screen where the session's state says it must be: the signed-out screen once the
 * server ended the session, the forced password change while an issued password is unchanged.
 */
function SessionGate() {
  const { state } = useSession();
  const { pathname, search, hash } = useLocation();
  const here = encodeURIComponent(pathname + search + hash);
  if (!ALWAYS_OPEN.includes(pathname)) {
    if (state.status === 'ended') {
      return <Navigate replace to={`${PATHS.signedOut}?reason=${state.reason}&next=${here}`} />;
    }
    // The sign-in screen sends there itself, keeping its own `next`.
    if (state.status === 'signed_in' && state.session.mustChangePassword && pathname !== PATHS.signIn) {
      return <Navigate replace to={`${PATHS.newPassword}?next=${here}`} />;
    }
  }
  return <Outlet />;
}

/** The router's root: the session for every route group, and the redirects it calls for. */
export function AuthRoot() {
  return (
    <SessionProvider>
      <SessionGate />
    </SessionProvider>
  );
}
