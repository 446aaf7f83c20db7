import type { Me } from '../api';
import { useI18n } from '../i18n';
import { Avatar } from './Avatar';
import { NavLink, useNavBadges } from './NavLink';

/**
 * The phone's bottom navigation (shown below 48rem by CSS; the header keeps only brand, search and
 * the account menu there). Labels are visually hidden: five words do not fit a 320 px screen in
 * every language, and the icons are the ones of the desktop header.
 */
export function TabBar(props: { me: Me }) {
  const { t } = useI18n();
  const badges = useNavBadges();
  const profile = `/user/${encodeURIComponent(props.me.username)}`;
  return (
    <nav class="tabbar" aria-label={t('shell.tabs')}>
      <NavLink class="tab-link" href="/" icon="home" label={t('nav.home')} />
      <NavLink class="tab-link" href="/explore" icon="explore" label={t('nav.explore')} />
      <NavLink
        class="tab-link"
        href="/messages"
        icon="mail"
        label={t('nav.messages')}
        badge={badges.messages}
      />
      <NavLink
        class="tab-link"
        href="/notifications"
        icon="bell"
        label={t('nav.notifications')}
        badge={badges.notifications}
      />
      <NavLink
        class="tab-link"
        href={profile}
        picture={<Avatar user={props.me} size={26} />}
        label={t('nav.profile')}
      />
    </nav>
  );
}
