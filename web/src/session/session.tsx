import { useQueryClient } from '@tanstack/react-query';
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
import { api, configureClient } from '../api/client';
import type { AdAccount, Creator, Me, Member } from '../api/types';

/** Who is signed in, with what the app needs to show them (names, account currency and zone). */
export type Profile =
  | { kind: 'creator'; creator: Creator }
  | { kind: 'advertiser'; role: 'ADMIN' | 'ANALYST'; account: AdAccount; memberName: string | null }
  | { kind: 'platform' };

export interface Session {
  token: string;
  me: Me;
  profile: Profile;
}

interface SessionContextValue {
  session: Session | null;
  status: 'restoring' | 'ready';
  login: (token: string) => Promise<Session>;
  logout: () => void;
}

const STORAGE_KEY = 'kindling.token';
const SessionContext = createContext<SessionContextValue | null>(null);

async function loadSession(token: string): Promise<Session> {
  const me = await api.get<Me>('/v1/me', { token });
  if (me.kind === 'creator') {
    return {
      token,
      me,
      profile: { kind: 'creator', creator: await api.get<Creator>('/v1/creator', { token }) },
    };
  }
  if (me.kind === 'advertiser' && me.ad_account_id) {
    const base = `/v1/ad-accounts/${me.ad_account_id}`;
    const [account, members] = await Promise.all([
      api.get<AdAccount>(base, { token }),
      api.get<{ data: Member[] }>(`${base}/members`, { token }).catch(() => ({ data: [] as Member[] })),
    ]);
    const member = members.data.find((m) => m.id === me.member_id);
    return {
      token,
      me,
      profile: { kind: 'advertiser', role: me.role ?? 'ANALYST', account, memberName: member?.name ?? null },
    };
  }
  return { token, me, profile: { kind: 'platform' } };
}

function readStoredToken(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [session, setSession] = useState<Session | null>(null);
  const [status, setStatus] = useState<'restoring' | 'ready'>(() =>
    readStoredToken() ? 'restoring' : 'ready',
  );
  const tokenRef = useRef<string | null>(null);

  const logout = useCallback(() => {
    tokenRef.current = null;
    try {
      localStorage.removeItem(STORAGE_KEY);
    } catch {
      // Private mode: nothing was stored.
    }
    setSession(null);
    queryClient.clear();
  }, [queryClient]);

  useEffect(() => {
    configureClient({ token: () => tokenRef.current, onUnauthorized: logout });
  }, [logout]);

  const login = useCallback(
    async (token: string) => {
      const next = await loadSession(token.trim());
      queryClient.clear();
      tokenRef.current = next.token;
      try {
        localStorage.setItem(STORAGE_KEY, next.token);
      } catch {
        // The session still works for this tab.
      }
      setSession(next);
      return next;
    },
    [queryClient],
  );

  useEffect(() => {
    const stored = readStoredToken();
    if (!stored) return;
    login(stored)
      .catch(() => logout())
      .finally(() => setStatus('ready'));
  }, [login, logout]);

  const value = useMemo(() => ({ session, status, login, logout }), [session, status, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSessionContext(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSessionContext outside SessionProvider');
  return value;
}

/** The signed-in session (pages behind the sign-in guard only). */
export function useSession(): Session {
  const { session } = useSessionContext();
  if (!session) throw new Error('useSession without a session');
  return session;
}

/** The brand member's ad account, and whether they may change it (ADMIN) or only read it (ANALYST). */
export function useAdAccount(): { account: AdAccount; canWrite: boolean; role: 'ADMIN' | 'ANALYST' } {
  const { profile } = useSession();
  if (profile.kind !== 'advertiser') throw new Error('useAdAccount outside an advertiser session');
  return { account: profile.account, canWrite: profile.role === 'ADMIN', role: profile.role };
}

export function useCreatorProfile(): Creator {
  const { profile } = useSession();
  if (profile.kind !== 'creator') throw new Error('useCreatorProfile outside a creator session');
  return profile.creator;
}

export function homePathOf(profile: Profile): string {
  switch (profile.kind) {
    case 'creator':
      return '/studio/posts';
    case 'advertiser':
      return '/ads/campaigns';
    case 'platform':
      return '/admin/reviews';
  }
}
