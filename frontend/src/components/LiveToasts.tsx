import { useLocation } from 'preact-iso/router';
import { useI18n } from '../i18n';
import { useRealtimeEvent } from '../realtime';
import { useSession } from '../session';
import { toast } from './toast';

interface EventUser {
  username?: string;
}

/** Turns live pushes into toasts; catch-up notifications stay quiet (they are on their page). */
export function LiveToasts() {
  const { t, tn } = useI18n();
  const { me } = useSession();
  const { path } = useLocation();

  useRealtimeEvent('message', (m) => {
    // A message we sent from another tab or device comes back to us too: it is news to nobody.
    if (me && m.sender.id === me.id) return;
    const username = m.sender.username;
    const thread = `/messages/${encodeURIComponent(username)}`;
    if (path === thread) return;
    // One toast per conversation, counting up, rather than a stack of identical ones.
    toast((count) => tn('shell.messageToast', count, { username }), 'info', thread, { key: `message:${username}` });
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
