import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, Permission, type Locale, type Me } from '../api';
import { storedLocale, useI18n } from '../i18n';

export type SessionStatus = 'loading' | 'anonymous' | 'authenticated';

export interface Session {
  status: SessionStatus;
  me: Me | null;
  login: (login: string, password: string, remember: boolean) => Promise<Me>;
  logout: () => Promise<void>;
  /** Merge fresh fields (from PATCH /api/me or a push) into the current user. */
  updateMe: (patch: Partial<Me>) => void;
  reloadMe: () => Promise<void>;
  can: (permission: number) => boolean;
  /** Forget the user locally (account deleted, session revoked elsewhere). */
  drop: () => void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider(props: { children: ComponentChildren }) {
  const [me, setMe] = useState<Me | null>(null);
  const [status, setStatus] = useState<SessionStatus>('loading');

  useEffect(() => {
    // Token responses carry the user: every login/refresh updates it, a failed refresh logs out.
    const off = api.onAuthChange((user) => {
      setMe(user);
      setStatus(user ? 'authenticated' : 'anonymous');
      // Token responses may carry a slimmer user than GET /api/me (no email/confirmed): complete it.
      if (user && (user.confirmed === undefined || user.email === undefined)) {
        api.get<Me>('/me').then(
          (full) => setMe((m) => (m && m.id === full.id ? { ...m, ...full } : m)),
          () => {},
        );
      }
    });
    let live = true;
    api.restore().then((ok) => {
      if (live && !ok) setStatus('anonymous');
    });
    return () => {
      live = false;
      off();
    };
  }, []);

  const login = useCallback((l: string, p: string, r: boolean) => api.login(l, p, r), []);
  const logout = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // The server may already consider the session dead; locally it is gone either way.
    }
    setMe(null);
    setStatus('anonymous');
  }, []);
  const updateMe = useCallback((patch: Partial<Me>) => setMe((m) => (m ? { ...m, ...patch } : m)), []);
  const reloadMe = useCallback(async () => {
    setMe(await api.get<Me>('/me'));
  }, []);
  const drop = useCallback(() => {
    api.forget();
    setMe(null);
    setStatus('anonymous');
  }, []);

  const value = useMemo<Session>(
    () => ({
      status,
      me,
      login,
      logout,
      updateMe,
      reloadMe,
      drop,
      can: (p: number) => !!me && (me.permissions & p) === p,
    }),
    [status, me, login, logout, updateMe, reloadMe, drop],
  );

  return (
    <SessionContext.Provider value={value}>
      <LocaleSync me={me} />
      {props.children}
    </SessionContext.Provider>
  );
}

/** A logged-in user's saved language wins over the browser's, unless they chose one on this device. */
function LocaleSync({ me }: { me: Me | null }) {
  // Only when the user (or their saved locale) changes, not on every switch: the current language is
  // read through a ref, so switching it is no reason to run.
  const current = useI18n();
  const i18n = useRef(current);
  i18n.current = current;
  const userId = me?.id;
  const saved = me?.locale;
  useEffect(() => {
    const { locale, setLocale } = i18n.current;
    if (saved && saved !== locale && !storedLocale()) void setLocale(saved, false);
  }, [userId, saved]);
  return null;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** Switch language everywhere: UI now, and the account (emails, next login) when logged in. */
export function useChangeLocale() {
  const { setLocale } = useI18n();
  const { me, updateMe } = useSession();
  return useCallback(
    async (l: Locale) => {
      await setLocale(l);
      if (me && me.locale !== l) {
        try {
          updateMe(await api.patch<Me>('/me', { locale: l }));
        } catch {
          // Unconfirmed accounts cannot PATCH; the local choice still applies.
        }
      }
    },
    [setLocale, me, updateMe],
  );
}

export { Permission };
