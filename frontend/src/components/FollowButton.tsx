import { useEffect, useState } from 'preact/hooks';
import { api, Permission } from '../api';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { toast } from './toast';

/**
 * Optimistic follow/unfollow: the button flips at once and reverts if the server says no. `onChange`
 * lets the owner adjust follower counts in step (+1/-1, and back on failure).
 */
export function FollowButton(props: {
  username: string;
  userId: number;
  following: boolean;
  onChange?: (following: boolean) => void;
  small?: boolean;
}) {
  const { t } = useI18n();
  const { me, can } = useSession();
  const [following, setFollowing] = useState(props.following);
  const [busy, setBusy] = useState(false);
  useEffect(() => setFollowing(props.following), [props.following]);

  if (!me || me.id === props.userId || !can(Permission.FOLLOW)) return null;

  async function toggle() {
    const next = !following;
    setFollowing(next);
    props.onChange?.(next);
    setBusy(true);
    try {
      const path = `/users/${encodeURIComponent(props.username)}/follow`;
      await (next ? api.post(path) : api.del(path));
    } catch (e) {
      setFollowing(!next);
      props.onChange?.(!next);
      toast((e as Error).message || t('user.followFailed'), 'error');
    } finally {
      setBusy(false);
    }
  }

  return (
    <button
      type="button"
      class={`btn ${following ? '' : 'btn-primary'} ${props.small ? 'btn-small' : ''}`}
      aria-pressed={following}
      aria-busy={busy}
      onClick={toggle}
    >
      {following ? t('user.unfollow') : t('user.follow')}
    </button>
  );
}
