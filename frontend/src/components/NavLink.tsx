import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso/router';
import { useI18n } from '../i18n';
import { useRealtime } from '../realtime';
import { Icon, type IconName } from './Icon';

type BadgeCount = { count: number; label: string };

/** The live counts on the Messages and Notifications links, worded for screen readers; the
 * header and the phone tab bar show the same ones. */
export function useNavBadges(): { messages: BadgeCount; notifications: BadgeCount } {
  const { tn } = useI18n();
  const { unreadMessages, newNotifications } = useRealtime();
  return {
    messages: { count: unreadMessages, label: tn('nav.unread', unreadMessages) },
    notifications: { count: newNotifications, label: tn('nav.newNotifications', newNotifications) },
  };
}

/** A count on a link: the digit is for the eye, screen readers get the full phrase. */
export function Badge(props: { count: number; label: string }) {
  if (props.count <= 0) return null;
  // aria-label on a span is not read, so the phrase is real (visually hidden) text.
  // The leading space keeps the name "Messages 2 unread messages", not "Messages2 unread messages".
  return (
    <>
      {' '}
      <span class="badge" aria-hidden="true">
        {props.count > 99 ? '99+' : props.count}
      </span>
      <span class="sr-only">{props.label}</span>
    </>
  );
}

/** Whether `path` is the page of `match` or one below it ("/" only matches itself). */
export function isCurrent(path: string, match: string): boolean {
  return match === '/' ? path === '/' : path === match || path.startsWith(match + '/');
}

/**
 * A link of the header or of the phone tab bar: an icon (or `picture`), its label and a badge.
 * The label is real text in both (the header may hide it visually when space is short), so the
 * accessible name is "Messages 2 unread messages" wherever it appears.
 */
export function NavLink(props: {
  href: string;
  icon?: IconName;
  picture?: ComponentChildren;
  label: string;
  badge?: { count: number; label: string };
  /** What counts as "here" when it differs from href (the profile tab on /user/ana/followers). */
  match?: string;
  class?: string;
}) {
  const { path } = useLocation();
  const current = isCurrent(path, props.match ?? props.href);
  return (
    <a href={props.href} class={props.class} aria-current={current ? 'page' : undefined}>
      {props.picture ?? (props.icon && <Icon name={props.icon} />)}
      <span class="nav-label">{props.label}</span>
      {props.badge && <Badge {...props.badge} />}
    </a>
  );
}
