/**
 * Session state: the signed-in user (GET /api/v1/auth/me), UI metadata (GET /api/v1/meta), sign-in
 * and sign-out. Lives inside the router so a 401 anywhere can send the user to /login.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { api, ApiError, onUnauthorized, setCsrfToken } from '../lib/api.ts';
import { isLocale, storedLocale, useI18n } from '../lib/i18n.tsx';
import type { LoginResponse, Me, MeResponse, Meta } from '../lib/types.ts';

interface AuthValue {
  status: 'loading' | 'ready';
  user: Me | null;
  meta: Meta | null;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
  can: (permission: string) => boolean;
  isAdmin: boolean;
  /** Role label in the UI language (from /api/v1/meta). */
  roleLabel: (role: string) => string;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const { locale, setLocale } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [status, setStatus] = useState<'loading' | 'ready'>('loading');
  const [user, setUser] = useState<Me | null>(null);
  const [meta, setMeta] = useState<Meta | null>(null);
  const locationRef = useRef(location);
  locationRef.current = location;

  /** A user's saved language applies on a device where nobody chose one yet. */
  const adoptLocale = useCallback((me: Me) => {
    if (!storedLocale() && isLocale(me.locale)) setLocale(me.locale);
  }, [setLocale]);

  const refresh = useCallback(async () => {
    try {
      const r = await api.get<MeResponse>('/api/v1/auth/me', undefined, { noAuthRedirect: true });
      setCsrfToken(r.csrfToken);
      setUser(r.user);
      adoptLocale(r.user);
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 401)) console.warn('auth/me failed', err);
      setUser(null);
    } finally {
      setStatus('ready');
    }
  }, [adoptLocale]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // Labels in meta follow the UI language.
  useEffect(() => {
    let live = true;
    api.get<Meta>('/api/v1/meta', undefined, { noAuthRedirect: true })
      .then((m) => live && setMeta(m))
      .catch((err: unknown) => console.warn('meta failed', err));
    return () => {
      live = false;
    };
  }, [locale]);

  useEffect(() => {
    onUnauthorized(() => {
      setUser(null);
      const here = locationRef.current;
      if (here.pathname !== '/login') {
        const next = here.pathname + here.search;
        navigate(`/login${next && next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`, { replace: true });
      }
    });
    return () => onUnauthorized(null);
  }, [navigate]);

  const login = useCallback(async (username: string, password: string) => {
    const r = await api.post<LoginResponse>('/api/v1/auth/login', { username, password }, { noAuthRedirect: true });
    setCsrfToken(r.csrfToken);
    setUser(r.user);
    adoptLocale(r.user);
    return r.user;
  }, [adoptLocale]);

  const logout = useCallback(async () => {
    try {
      await api.post('/api/v1/auth/logout', undefined, { noAuthRedirect: true });
    } finally {
      setCsrfToken(null);
      setUser(null);
      navigate('/login', { replace: true });
    }
  }, [navigate]);

  const value = useMemo<AuthValue>(() => {
    const perms = new Set(user?.permissions ?? []);
    const labels = new Map((meta?.roles ?? []).map((r) => [r.value, r.label]));
    return {
      status, user, meta, login, logout, refresh,
      can: (p) => perms.has(p),
      isAdmin: !!user?.roles.includes('admin'),
      roleLabel: (r) => labels.get(r) ?? r,
    };
  }, [status, user, meta, login, logout, refresh]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** "鄯善县应急管理综合应用平台" in demo mode, else the generic name. */
export function useProductName(): string {
  const { meta } = useAuth();
  const { t } = useI18n();
  const county = meta?.demo?.county;
  return county ? t(['{county}应急管理综合应用平台', '{county} Emergency Management Platform'], { county }) : t(['应急管理综合应用平台', 'Emergency Management Platform']);
}
