import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { api, CSRF_COOKIE, NetworkError, readCookie } from '../../shared/api';
import { PATHS } from '../../shared/paths';
import { AUTH_API, authApi, type Session, type SessionEndReason } from './api';
import { probeOf } from './session-logic';

/** How often a signed-in screen asks whether its session still holds (and on focus). */
export const SESSION_POLL_MS = 15_000;

export type SessionState =
  | { status: 'loading' }
  /** Nobody is signed in; `farewell` when this screen just signed out (the sign-in page says so). */
  | { status: 'anonymous'; farewell?: 'signedOut' | 'signedOutEverywhere' }
  /** The server could not be reached when the app opened: nobody knows yet. */
  | { status: 'offline' }
  | { status: 'signed_in'; session: Session }
  /** The server ended this device's session (another device signed in, password changed…). */
  | { status: 'ended'; reason: SessionEndReason };

export interface SessionContextValue {
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

/**
 * When an expired access token could not be renewed, `api()` reports `token_expired`; the
 * refresh call itself says why (session_ended with a reason, or plain unauthenticated).
 */
async function explainFailedRefresh(): Promise<SessionState> {
  try {
    await api(`${AUTH_API}/refresh`, { method: 'POST', body: {} });
    return { status: 'signed_in', session: await authApi.session() };
  } catch (error) {
    const probe = probeOf(error);
    if (probe.kind === 'ended') return { status: 'ended', reason: probe.reason };
    return { status: 'anonymous' };
  }
}

/** Asks `/session`; `previous` decides what an unexplained 401 means (a session that was there has expired). */
async function probeSession(previous: SessionState): Promise<SessionState> {
  // The server sets the readable CSRF cookie with every session and for as long as its refresh
  // token lives: without it there is no session to ask about, and a visitor who never signed in
  // costs no request (nor a 401 in the console).
  if (!readCookie(CSRF_COOKIE)) {
    // Cookies gone while signed in: signed out in another window of this browser.
    return previous.status === 'signed_in'
      ? { status: 'ended', reason: 'signed_out' }
      : { status: 'anonymous' };
  }
  try {
    return { status: 'signed_in', session: await authApi.session() };
  } catch (error) {
    if (error instanceof NetworkError)
      return previous.status === 'loading' ? { status: 'offline' } : previous;
    const probe = probeOf(error);
    switch (probe.kind) {
      case 'ended':
        return { status: 'ended', reason: probe.reason };
      case 'refresh_failed': {
        const explained = await explainFailedRefresh();
        // A session this screen had, gone without a reason given: it expired.
        return explained.status === 'anonymous' && previous.status === 'signed_in'
          ? { status: 'ended', reason: 'expired' }
          : explained;
      }
      case 'anonymous':
        return previous.status === 'signed_in'
          ? { status: 'ended', reason: 'expired' }
          : { status: 'anonymous' };
      case 'other':
        // A 5xx or a 429 during a poll says nothing about the session: keep what we had.
        return previous.status === 'loading' ? { status: 'anonymous' } : previous;
    }
  }
}

/**
 * Holds the session for the whole app: asks `/session` at start, then every 15 s while a session is
 * open and the page is visible, and again whenever the window regains focus, so that a device
 * replaced by another learns it at once and shows why.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  // The state the next probe starts from (read in callbacks, never during render).
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  }, [state]);
  const inFlight = useRef<Promise<void> | null>(null);

  const reload = useCallback((): Promise<void> => {
    const started = stateRef.current;
    inFlight.current ??= probeSession(started)
      .then((next) => {
        // A sign-in or sign-out that happened while the probe was out wins over the probe; an
        // unchanged session keeps its object, so that a poll re-renders nothing.
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
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', check);
      document.removeEventListener('visibilitychange', check);
    };
  }, [signedInNow, reload]);

  const signedIn = useCallback((session: Session) => {
    setState({ status: 'signed_in', session });
  }, []);

  const signOut = useCallback(async (options: { everywhere?: boolean } = {}) => {
    try {
      await (options.everywhere ? authApi.signOutEverywhere() : authApi.signOut());
    } finally {
      setState({ status: 'anonymous', farewell: options.everywhere ? 'signedOutEverywhere' : 'signedOut' });
    }
  }, []);

  const acknowledgeEnd = useCallback(() => {
    setState((current) => (current.status === 'ended' ? { status: 'anonymous' } : current));
    // The ended session's cookies are useless now: a refresh of an ended session fails and the
    // server clears them with its answer (sign-out would refuse an ended session and keep them).
    api(`${AUTH_API}/refresh`, { method: 'POST', body: {} }).catch(() => undefined);
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
