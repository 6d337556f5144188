import { lazy, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Spinner } from './components/states';
import { LoginPage } from './features/login/login-page';
import { NotFoundPage } from './features/not-found-page';
import { AppShell } from './layout/app-shell';
import { homePathOf, type Profile, useSessionContext } from './session/session';

// Each area loads on first visit: a creator never downloads the Ads Manager.
const ManagerPage = lazy(() =>
  import('./features/ads-manager/manager-page').then((m) => ({ default: m.ManagerPage })),
);
const CreatePage = lazy(() =>
  import('./features/ads-manager/create/create-page').then((m) => ({ default: m.CreatePage })),
);
const LibraryPage = lazy(() =>
  import('./features/ads-manager/library-page').then((m) => ({ default: m.LibraryPage })),
);
const PostsPage = lazy(() => import('./features/creator/posts-page').then((m) => ({ default: m.PostsPage })));
const AuthorizationsPage = lazy(() =>
  import('./features/creator/authorizations-page').then((m) => ({ default: m.AuthorizationsPage })),
);
const NotificationsPage = lazy(() =>
  import('./features/notifications/notifications-page').then((m) => ({ default: m.NotificationsPage })),
);
const ReviewQueuePage = lazy(() =>
  import('./features/admin/review-queue-page').then((m) => ({ default: m.ReviewQueuePage })),
);
const FeedDemoPage = lazy(() =>
  import('./features/admin/feed/feed-demo-page').then((m) => ({ default: m.FeedDemoPage })),
);
const ExplainPage = lazy(() =>
  import('./features/admin/explain-page').then((m) => ({ default: m.ExplainPage })),
);
const ReportsPage = lazy(() =>
  import('./features/ads-manager/reports/reports-page').then((m) => ({ default: m.ReportsPage })),
);
const AnalyticsPage = lazy(() =>
  import('./features/creator/analytics-page').then((m) => ({ default: m.AnalyticsPage })),
);
const MediaKitPage = lazy(() =>
  import('./features/creator/media-kit-page').then((m) => ({ default: m.MediaKitPage })),
);
const SettingsPage = lazy(() =>
  import('./features/admin/settings-page').then((m) => ({ default: m.SettingsPage })),
);

type Kind = Profile['kind'];

/** Renders the page only for the kinds of user it is for; others go to their own home. */
function Only({ kinds, children }: { kinds: Kind[]; children: ReactNode }) {
  const { session } = useSessionContext();
  if (!session) return null;
  if (!kinds.includes(session.profile.kind)) return <Navigate to={homePathOf(session.profile)} replace />;
  return <>{children}</>;
}

function RequireSession({ children }: { children: ReactNode }) {
  const { session } = useSessionContext();
  const location = useLocation();
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

function Home() {
  const { session } = useSessionContext();
  return <Navigate to={session ? homePathOf(session.profile) : '/login'} replace />;
}

export function App() {
  const { status } = useSessionContext();
  if (status === 'restoring')
    return (
      <div className="splash">
        <Spinner label="Signing you in" />
      </div>
    );
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireSession>
            <AppShell />
          </RequireSession>
        }
      >
        <Route index element={<Home />} />
        {/* Ads Manager (brand members). */}
        <Route path="ads" element={<Navigate to="/ads/campaigns" replace />} />
        <Route
          path="ads/campaigns"
          element={
            <Only kinds={['advertiser']}>
              <ManagerPage level="campaigns" />
            </Only>
          }
        />
        <Route
          path="ads/ad-groups"
          element={
            <Only kinds={['advertiser']}>
              <ManagerPage level="ad-groups" />
            </Only>
          }
        />
        <Route
          path="ads/ads"
          element={
            <Only kinds={['advertiser']}>
              <ManagerPage level="ads" />
            </Only>
          }
        />
        <Route
          path="ads/new"
          element={
            <Only kinds={['advertiser']}>
              <CreatePage />
            </Only>
          }
        />
        <Route
          path="ads/reports"
          element={
            <Only kinds={['advertiser']}>
              <ReportsPage />
            </Only>
          }
        />
        <Route
          path="ads/library"
          element={
            <Only kinds={['advertiser']}>
              <LibraryPage />
            </Only>
          }
        />
        {/* Creator Studio. */}
        <Route
          path="studio/analytics"
          element={
            <Only kinds={['creator']}>
              <AnalyticsPage />
            </Only>
          }
        />
        <Route
          path="studio/media-kit"
          element={
            <Only kinds={['creator']}>
              <MediaKitPage />
            </Only>
          }
        />
        <Route
          path="studio/posts"
          element={
            <Only kinds={['creator']}>
              <PostsPage />
            </Only>
          }
        />
        <Route
          path="studio/authorizations"
          element={
            <Only kinds={['creator']}>
              <AuthorizationsPage />
            </Only>
          }
        />
        <Route
          path="notifications"
          element={
            <Only kinds={['creator', 'advertiser']}>
              <NotificationsPage />
            </Only>
          }
        />
        {/* Platform admin. */}
        <Route
          path="admin/feed"
          element={
            <Only kinds={['platform']}>
              <FeedDemoPage />
            </Only>
          }
        />
        <Route
          path="admin/explain"
          element={
            <Only kinds={['platform']}>
              <ExplainPage />
            </Only>
          }
        />
        <Route
          path="admin/reviews"
          element={
            <Only kinds={['platform']}>
              <ReviewQueuePage />
            </Only>
          }
        />
        <Route
          path="admin/settings"
          element={
            <Only kinds={['platform']}>
              <SettingsPage />
            </Only>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
