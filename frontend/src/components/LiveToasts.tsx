import { useLocation } from 'preact-iso/router';
import { useI18n } from '../i18n';
import { useRealtimeEvent } from '../realtime';
import { toast } from './toast';

interface EventUser {
  username?: string;
}

/** Turns live pushes into toasts; catch-up notifications stay quiet (they are on their page). */
export function LiveToasts() {
  const { t } = useI18n();
  const { path } = useLocation();

  useRealtimeEvent('message', (m) => {
    const thread = `/messages/${encodeURIComponent(m.sender.username)}`;
    if (path !== thread) toast(t('messages.toast', { username: m.sender.username }), 'info', thread);
  });

  useRealtimeEvent('notification', (n) => {
    if (!n.live) return;
    const d = (n.data ?? {}) as { user?: EventUser | string; post_id?: number };
    const username = typeof d.user === 'string' ? d.user : (d.user?.username ?? '');
    if (n.name === 'new_follower') {
      toast(t('notifications.newFollower', { username }), 'info', `/user/${encodeURIComponent(username)}`);
    } else if (n.name === 'new_comment') {
      toast(t('notifications.newComment', { username }), 'info', `/post/${d.post_id}#comments`);
    }
  });

  return null;
}
