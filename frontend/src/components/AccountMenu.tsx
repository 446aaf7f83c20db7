import { useLocation } from 'preact-iso/router';
import { Permission, type Me } from '../api';
import { useI18n } from '../i18n';
import { focusHeading } from '../lib/focus';
import { useSession } from '../session';
import { Avatar } from './Avatar';
import { Icon } from './Icon';
import { LanguageItems } from './LanguageMenu';
import { MenuButton } from './MenuButton';
import { toast } from './toast';

/** The avatar button in the header: profile, settings, language and log out behind it. */
export function AccountMenu(props: { me: Me }) {
  const { t } = useI18n();
  const { logout, can } = useSession();
  const { route } = useLocation();
  const { me } = props;

  async function onLogout() {
    await logout();
    toast(t('auth.logout.done'));
    route('/');
    // The menu and its button are gone; start the keyboard at the top of the page again.
    focusHeading();
  }

  return (
    <MenuButton
      class="account-menu"
      buttonClass="account-button"
      label={t('shell.account', { username: me.username })}
      button={
        <>
          <Avatar user={me} size={32} />
          <Icon name="chevronDown" size={16} class="account-chevron" />
        </>
      }
    >
      <a role="menuitem" tabIndex={-1} class="menu-item menu-profile" href={`/user/${encodeURIComponent(me.username)}`}>
        <Avatar user={me} size={36} />
        <span class="menu-profile-text">
          <span class="menu-profile-name">{me.name || me.username}</span>{' '}
          <span class="muted small">
            @{me.username} · {t('shell.yourProfile')}
          </span>
        </span>
      </a>
      <a role="menuitem" tabIndex={-1} class="menu-item" href="/settings">
        <Icon name="settings" size={18} /> {t('nav.settings')}
      </a>
      {can(Permission.MODERATE) && (
        // On a phone the header has no room for Moderate: it lives here instead.
        <a role="menuitem" tabIndex={-1} class="menu-item menu-phone-only" href="/moderate">
          <Icon name="shield" size={18} /> {t('nav.moderate')}
        </a>
      )}
      <div role="separator" class="menu-separator" />
      <LanguageItems />
      <div role="separator" class="menu-separator" />
      <button role="menuitem" tabIndex={-1} type="button" class="menu-item" onClick={() => void onLogout()}>
        <Icon name="logout" size={18} /> {t('nav.logout')}
      </button>
    </MenuButton>
  );
}
