import { useLocation } from 'preact-iso/router';
import { Permission, type Locale } from '../api';
import { LOCALES, useI18n } from '../i18n';
import { useRealtime } from '../realtime';
import { useChangeLocale, useSession } from '../session';
import { Avatar } from './Avatar';
import { NavSearch } from './NavSearch';
import { toast } from './toast';

function Badge(props: { count: number; label: string }) {
  if (props.count <= 0) return null;
  // The digit is for the eye; screen readers get the full phrase (aria-label on a span is not read).
  return (
    <>
      <span class="badge" aria-hidden="true">
        {props.count > 99 ? '99+' : props.count}
      </span>
      <span class="sr-only">{props.label}</span>
    </>
  );
}

export function Nav() {
  const { t, tn, locale } = useI18n();
  const { me, status, logout, can } = useSession();
  const { unreadMessages, newNotifications } = useRealtime();
  const { path, route } = useLocation();
  const changeLocale = useChangeLocale();

  const link = (href: string, label: preact.ComponentChildren, match = href) => {
    const current = match === '/' ? path === '/' : path === match || path.startsWith(match + '/');
    return (
      <a href={href} aria-current={current ? 'page' : undefined}>
        {label}
      </a>
    );
  };

  async function onLogout() {
    await logout();
    toast(t('auth.logout.done'));
    route('/');
  }

  return (
    <header class="topbar">
      <nav class="nav" aria-label={t('nav.main')}>
        <a class="brand" href="/">
          {t('app.name')}
        </a>
        <div class="nav-links">
          {me && link('/', t('nav.home'))}
          {link('/explore', t('nav.explore'))}
          {me && (
            <>
              {link(
                '/messages',
                <>
                  {t('nav.messages')} <Badge count={unreadMessages} label={tn('nav.unread', unreadMessages)} />
                </>,
              )}
              {link(
                '/notifications',
                <>
                  {t('nav.notifications')}{' '}
                  <Badge count={newNotifications} label={tn('nav.newNotifications', newNotifications)} />
                </>,
              )}
              {can(Permission.MODERATE) && link('/moderate', t('nav.moderate'))}
            </>
          )}
        </div>
        <div class="nav-end">
          <NavSearch />
          <label class="sr-only" for="lang-select">
            {t('nav.language')}
          </label>
          <select
            id="lang-select"
            class="lang-select"
            value={locale}
            onChange={(e) => void changeLocale(e.currentTarget.value as Locale)}
          >
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {t(`lang.${l}`)}
              </option>
            ))}
          </select>
          {me ? (
            <>
              <a class="nav-me" href={`/user/${encodeURIComponent(me.username)}`} title={t('nav.profile')}>
                <Avatar user={me} size={28} />
                <span class="nav-me-name">{me.username}</span>
              </a>
              {link('/settings', t('nav.settings'))}
              <button type="button" class="btn btn-link" onClick={onLogout}>
                {t('nav.logout')}
              </button>
            </>
          ) : (
            status === 'anonymous' && (
              <>
                {link('/login', t('nav.login'))}
                <a class="btn btn-primary btn-small" href="/register">
                  {t('nav.register')}
                </a>
              </>
            )
          )}
        </div>
      </nav>
    </header>
  );
}

/** Shown only while a logged-in user's socket is down, so they know pushes are paused. */
export function ConnectionIndicator() {
  const { t } = useI18n();
  const { connected } = useRealtime();
  if (connected !== false) return null;
  return (
    <div class="conn-down" role="status">
      <span class="dot" aria-hidden="true" /> {t('app.offline')}
    </div>
  );
}
