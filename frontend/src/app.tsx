import { useRef } from 'preact/hooks';
import { LocationProvider, Router, Route, useLocation } from 'preact-iso/router';
import type { Locale } from './api';
import { I18nProvider, useI18n } from './i18n';
import { SessionProvider, useSession } from './session';
import { RealtimeProvider } from './realtime';
import { Nav, ConnectionIndicator } from './components/Nav';
import { Toasts } from './components/Toasts';
import { LiveToasts } from './components/LiveToasts';
import { Loading } from './components/States';
import { ErrorBoundary } from './components/ErrorBoundary';
import { TabBar } from './components/TabBar';
import { focusHeading } from './lib/focus';
import { lazyRoute as lazy } from './lib/lazyRoute';

// Each route is its own chunk: the initial download is the shell only (SPEC §6: ≤ 60 KB gzip).
// lazyRoute, unlike preact-iso's lazy, recovers from a chunk that failed to download (offline).
const Home = lazy(() => import('./pages/Home'));
const Explore = lazy(() => import('./pages/Explore'));
const Notifications = lazy(() => import('./pages/Notifications'));
const Unconfirmed = lazy(() => import('./pages/Unconfirmed'));
const PostPage = lazy(() => import('./pages/PostPage'));
const Profile = lazy(() => import('./pages/Profile'));
const FollowList = lazy(() => import('./pages/FollowList'));
const Settings = lazy(() => import('./pages/Settings'));
const Conversations = lazy(() => import('./pages/Conversations'));
const Thread = lazy(() => import('./pages/Thread'));
const Moderate = lazy(() => import('./pages/Moderate'));
const AdminUser = lazy(() => import('./pages/AdminUser'));
const Login = lazy(() => import('./pages/Login'));
const Register = lazy(() => import('./pages/Register'));
const Confirm = lazy(() => import('./pages/Confirm'));
const ResetRequest = lazy(() => import('./pages/ResetRequest'));
const ResetPassword = lazy(() => import('./pages/ResetPassword'));
const ChangeEmail = lazy(() => import('./pages/ChangeEmail'));
const Search = lazy(() => import('./pages/Search'));
const NotFound = lazy(() => import('./pages/NotFound'));

function Routes() {
  const first = useRef(true);
  const { path } = useLocation();
  const onChange = () => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (!location.hash) window.scrollTo(0, 0);
    focusHeading();
  };
  return (
    <ErrorBoundary resetKey={path}>
      <Router onRouteChange={onChange} onLoadEnd={() => !first.current && focusHeading()}>
        <Route path="/" component={Home} />
        <Route path="/explore" component={Explore} />
        <Route path="/notifications" component={Notifications} />
        <Route path="/unconfirmed" component={Unconfirmed} />
        <Route path="/post/:id" component={PostPage} />
        <Route path="/user/:username" component={Profile} />
        <Route path="/user/:username/followers" component={FollowList} kind="followers" />
        <Route path="/user/:username/following" component={FollowList} kind="following" />
        <Route path="/settings" component={Settings} />
        <Route path="/messages" component={Conversations} />
        <Route path="/messages/:username" component={Thread} />
        <Route path="/search" component={Search} />
        <Route path="/moderate" component={Moderate} />
        <Route path="/admin/users/:id" component={AdminUser} />
        <Route path="/login" component={Login} />
        <Route path="/register" component={Register} />
        <Route path="/confirm/:token" component={Confirm} />
        <Route path="/reset" component={ResetRequest} />
        <Route path="/reset/:token" component={ResetPassword} />
        <Route path="/change-email/:token" component={ChangeEmail} />
        <Route default component={NotFound} />
      </Router>
    </ErrorBoundary>
  );
}

function UnconfirmedBanner() {
  const { me } = useSession();
  const { path } = useLocation();
  const { t } = useI18n();
  if (!me || me.confirmed !== false || path === '/unconfirmed' || path.startsWith('/confirm/')) return null;
  return (
    <div class="banner" role="note">
      {t('app.unconfirmedBanner')} <a href="/unconfirmed">{t('app.unconfirmedLink')}</a>
    </div>
  );
}

// document.title is PageHeading's job (every page has one); index.html's title covers the first paint.
function Shell() {
  const { t } = useI18n();
  const { status, me } = useSession();
  return (
    <>
      <a class="skip" href="#main">
        {t('app.skip')}
      </a>
      <Nav />
      <ConnectionIndicator />
      <UnconfirmedBanner />
      {/* with-tabbar: on phones, room at the bottom so the tab bar hides nothing. */}
      <main id="main" tabIndex={-1} class={me ? 'with-tabbar' : undefined}>
        {/* Pages branch on who is logged in, so wait for the silent refresh before routing. */}
        {status === 'loading' ? <Loading /> : <Routes />}
      </main>
      {me && <TabBar me={me} />}
      <Toasts />
      <LiveToasts />
    </>
  );
}

export function App(props: { locale: Locale }) {
  return (
    <I18nProvider initial={props.locale}>
      <SessionProvider>
        <RealtimeProvider>
          <LocationProvider>
            <Shell />
          </LocationProvider>
        </RealtimeProvider>
      </SessionProvider>
    </I18nProvider>
  );
}
