import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type BriefUser, type User } from '../api';
import { Trans, useI18n } from '../i18n';
import { Avatar } from './Avatar';
import { FollowButton } from './FollowButton';
import { RelativeTime } from './RelativeTime';

const HOVER_DELAY = 1000;
const CACHE_MS = 60_000;
const cache = new Map<string, { at: number; user: User }>();

/**
 * A link to a profile with Microblog's hover card: it appears after 1 s, and leaving before then
 * cancels the timer (or aborts the fetch). The card is inside the wrapper, so moving onto it keeps it open.
 */
export function UserLink(props: { user: BriefUser; children?: preact.ComponentChildren; class?: string }) {
  const { username } = props.user;
  const [card, setCard] = useState<User | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const ctl = useRef<AbortController | null>(null);

  function cancel() {
    clearTimeout(timer.current);
    ctl.current?.abort();
    ctl.current = null;
    setCard(null);
  }

  function start() {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const hit = cache.get(username);
      if (hit && Date.now() - hit.at < CACHE_MS) {
        setCard(hit.user);
        return;
      }
      const c = new AbortController();
      ctl.current = c;
      try {
        const user = await api.get<User>(`/users/${encodeURIComponent(username)}`, undefined, c.signal);
        cache.set(username, { at: Date.now(), user });
        if (ctl.current === c) setCard(user);
      } catch {
        // A card is a nicety: on failure the plain link remains.
      }
    }, HOVER_DELAY);
  }

  useEffect(() => cancel, []);

  return (
    <span
      class={`user-link ${props.class ?? ''}`}
      onMouseEnter={start}
      onMouseLeave={cancel}
      onFocusIn={start}
      onFocusOut={(e) => {
        if (!(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node)) cancel();
      }}
      onKeyDown={(e) => e.key === 'Escape' && cancel()}
    >
      <a href={`/user/${encodeURIComponent(username)}`}>{props.children ?? username}</a>
      {card && <HoverCard user={card} />}
    </span>
  );
}

function HoverCard({ user }: { user: User }) {
  const { t, tn } = useI18n();
  const [followers, setFollowers] = useState(user.follower_count);
  return (
    <div class="hovercard" role="group" aria-label={t('user.card', { username: user.username })}>
      <div class="hovercard-head">
        <Avatar user={user} size={64} />
        <div>
          <a class="hovercard-name" href={`/user/${encodeURIComponent(user.username)}`}>
            {user.username}
          </a>
          {user.name && <div class="muted">{user.name}</div>}
          {user.follows_you && <span class="tag">{t('user.followsYou')}</span>}
        </div>
      </div>
      {user.about_me && <p class="hovercard-about">{user.about_me}</p>}
      <p class="muted small">
        <Trans k="user.lastSeen" values={{ when: <RelativeTime iso={user.last_seen} /> }} />
      </p>
      <p class="small">
        {tn('user.followers', followers)} · {t('user.following', { count: user.following_count })}
      </p>
      <FollowButton
        small
        username={user.username}
        userId={user.id}
        following={!!user.is_following}
        onChange={(f) => {
          setFollowers((n) => n + (f ? 1 : -1));
          cache.delete(user.username);
        }}
      />
    </div>
  );
}
