import {
  BarChart3,
  Building2,
  HeartHandshake,
  KeyRound,
  Megaphone,
  ShieldCheck,
  Sparkles,
  type UserRound,
} from 'lucide-react';
import { type CSSProperties, type FormEvent, useEffect, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { messageOf } from '../../api/client';
import { useDemoUsers } from '../../api/hooks';
import type { DemoRole, DemoUser } from '../../api/types';
import { Button } from '../../components/button';
import { Field } from '../../components/field';
import { Skeleton } from '../../components/states';
import { BrandMark } from '../../layout/app-shell';
import { homePathOf, useSessionContext } from '../../session/session';

const ROLE_META: Record<
  DemoRole,
  { title: string; detail: string; icon: typeof UserRound; className: string }
> = {
  creator: { title: 'Creator', detail: 'Authorize posts, share codes', icon: Sparkles, className: '' },
  brand_admin: { title: 'Brand admin', detail: 'Build and launch campaigns', icon: Megaphone, className: '' },
  brand_analyst: {
    title: 'Brand analyst',
    detail: 'Read-only access',
    icon: BarChart3,
    className: 'analyst',
  },
  platform: {
    title: 'Platform',
    detail: 'Review ads, set the rules',
    icon: ShieldCheck,
    className: 'platform',
  },
};

/** "Maya (media buyer) · Acme Shoes (ADMIN)" → name and organisation. */
function describe(user: DemoUser): { name: string; detail: string } {
  const meta = ROLE_META[user.role] ?? ROLE_META.platform;
  if (user.role === 'creator')
    return { name: user.label.replace(/\s*\(creator\)$/, ''), detail: meta.detail };
  if (user.role === 'platform') return { name: 'Platform operator', detail: meta.detail };
  const [name = user.label, account = ''] = user.label.split(' · ');
  return { name: name.trim(), detail: `${account.replace(/\s*\((ADMIN|ANALYST)\)$/, '')} · ${meta.title}` };
}

const GROUPS: { title: string; roles: DemoRole[] }[] = [
  { title: 'Creators', roles: ['creator'] },
  { title: 'Brands', roles: ['brand_admin', 'brand_analyst'] },
  { title: 'Platform', roles: ['platform'] },
];

export function LoginPage() {
  const { session, login } = useSessionContext();
  const navigate = useNavigate();
  const location = useLocation();
  const demo = useDemoUsers();
  const [token, setToken] = useState('');
  const [error, setError] = useState<{ source: 'demo' | 'token'; message: string } | null>(null);
  const [pending, setPending] = useState<string | null>(null);

  useEffect(() => {
    document.title = 'Sign in · Kindling';
  }, []);

  const from = (location.state as { from?: string } | null)?.from;
  const destination = (profile: Parameters<typeof homePathOf>[0]) =>
    from && from !== '/' ? from : homePathOf(profile);
  if (session) return <Navigate to={destination(session.profile)} replace />;

  async function signIn(value: string, key: string) {
    setPending(key);
    setError(null);
    try {
      const next = await login(value);
      navigate(destination(next.profile), { replace: true });
    } catch (e) {
      setError({ source: key === 'token' ? 'token' : 'demo', message: messageOf(e) });
      setPending(null);
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!token.trim()) {
      setError({ source: 'token', message: 'Paste an API token (it starts with kdc_, kda_ or kdp_)' });
      return;
    }
    void signIn(token, 'token');
  }

  const users = demo.data ?? [];
  return (
    <div className="login">
      <section className="login-hero" aria-label="About Kindling">
        <div className="brand">
          <BrandMark />
          <span>Kindling</span>
        </div>
        <div>
          <h1>Promote the posts people already love.</h1>
          <p>
            Creators authorize a post and send a code. Brands turn it into a Spark ad, and every like, comment
            and follow stays on the creator’s original post.
          </p>
          <div className="login-posters" aria-hidden>
            <img src="/demo/media/ana-legday.svg" alt="" />
            <img src="/demo/media/leo-espresso.svg" alt="" />
            <img src="/demo/media/mia-spf.svg" alt="" />
          </div>
        </div>
        <div className="facts">
          <span>
            <HeartHandshake size={16} aria-hidden /> Creator-authorized
          </span>
          <span>
            <KeyRound size={16} aria-hidden /> Time-boxed, revocable codes
          </span>
          <span>
            <Building2 size={16} aria-hidden /> Open source, self-hosted
          </span>
        </div>
      </section>
      <section className="login-panel" aria-labelledby="signin-title">
        <div>
          <h2 id="signin-title">Sign in</h2>
          <p className="muted" style={{ marginTop: 6 }}>
            {users.length > 0
              ? 'This server runs the demo: pick who you want to be.'
              : 'Use the API token your platform gave you.'}
          </p>
        </div>
        {error?.source === 'demo' && (
          <div className="callout red" role="alert">
            <strong>Could not sign in.</strong> {error.message}
          </div>
        )}
        {demo.isLoading && (
          <div className="demo-users">
            <Skeleton height={64} radius={14} />
            <Skeleton height={64} radius={14} />
          </div>
        )}
        {users.length > 0 &&
          GROUPS.map((group) => {
            const members = users.filter((u) => group.roles.includes(u.role));
            if (members.length === 0) return null;
            return (
              <div key={group.title} className="stack" style={{ '--gap': '10px' } as CSSProperties}>
                <div className="nav-section" style={{ padding: 0 }}>
                  {group.title}
                </div>
                <div className="demo-users">
                  {members.map((user) => {
                    const meta = ROLE_META[user.role] ?? ROLE_META.platform;
                    const { name, detail } = describe(user);
                    return (
                      <button
                        key={user.token}
                        type="button"
                        className="demo-user"
                        disabled={pending !== null}
                        aria-label={`Sign in as ${name}, ${detail}`}
                        onClick={() => signIn(user.token, user.token)}
                      >
                        <span className={`role-icon ${meta.className}`} aria-hidden>
                          <meta.icon size={19} />
                        </span>
                        <span className="who">
                          <strong>{name}</strong>
                          <span>{detail}</span>
                        </span>
                      </button>
                    );
                  })}
                </div>
              </div>
            );
          })}
        <form onSubmit={onSubmit} className="stack" style={{ '--gap': '10px' } as CSSProperties} noValidate>
          <Field
            label={users.length > 0 ? 'Or sign in with an API token' : 'API token'}
            errors={
              error?.source === 'token' ? [{ field: 'token', code: 'INVALID', message: error.message }] : []
            }
            hint="Creator tokens start with kdc_, brand tokens with kda_, platform tokens with kdp_."
          >
            {(control) => (
              <div className="row" style={{ flexWrap: 'nowrap' }}>
                <input
                  {...control}
                  className="input mono"
                  type="password"
                  autoComplete="off"
                  spellCheck={false}
                  placeholder="Paste a token"
                  value={token}
                  onChange={(e) => setToken(e.target.value)}
                />
                <Button type="submit" variant="primary" loading={pending === 'token'}>
                  Sign in
                </Button>
              </div>
            )}
          </Field>
        </form>
      </section>
    </div>
  );
}
