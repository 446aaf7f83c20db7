import { useRef } from 'preact/hooks';
import { Permission } from '../api';
import { useI18n } from '../i18n';
import { useHideOnScroll } from '../lib/useHideOnScroll';
import { useRealtime } from '../realtime';
import { useSession } from '../session';
import { AccountMenu } from './AccountMenu';
import { LanguageMenu } from './LanguageMenu';
import { NavLink, useNavBadges } from './NavLink';
import { NavSearch } from './NavSearch';

/**
 * The header: one row. Wide screens: brand, the main links with icons and badges, the search box,
 * the account menu. Phones (CSS, below 48rem): brand, a search link and the account menu; the main
 * links move to the TabBar at the bottom, and the header slides away while scrolling down.
 */
export function Nav() {
  const { t } = useI18n();
  const { me, status, can } = useSession();
  const badges = useNavBadges();
  const header = useRef<HTMLElement>(null);
  const hidden = useHideOnScroll(header);

  return (
    <header class={hidden ? 'topbar topbar-hidden' : 'topbar'} ref={header}>
      <nav class="nav" aria-label={t('nav.main')}>
        <a class="brand" href="/">
          {t('app.name')}
        </a>
        <div class="nav-links">
          {me && <NavLink class="nav-link" href="/" icon="home" label={t('nav.home')} />}
          <NavLink class="nav-link" href="/explore" icon="explore" label={t('nav.explore')} />
          {me && (
            <>
              <NavLink
                class="nav-link"
                href="/messages"
                icon="mail"
                label={t('nav.messages')}
                badge={badges.messages}
              />
              <NavLink
                class="nav-link"
                href="/notifications"
                icon="bell"
                label={t('nav.notifications')}
                badge={badges.notifications}
              />
              {can(Permission.MODERATE) && (
                <NavLink class="nav-link" href="/moderate" icon="shield" label={t('nav.moderate')} />
              )}
            </>
          )}
        </div>
        <div class="nav-end">
          <NavSearch />
          {me ? (
            <AccountMenu me={me} />
          ) : (
            status === 'anonymous' && (
              <>
                <NavLink class="nav-login" href="/login" label={t('nav.login')} />
                <a class="btn btn-primary btn-small" href="/register">
                  {t('nav.register')}
                </a>
                <LanguageMenu />
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
