import { useState } from 'preact/hooks';
import { api, Permission, type Collection, type Me, type Post } from '../api';
import { MarkdownForm } from '../components/MarkdownForm';
import { PageHeading } from '../components/PageHeading';
import { PostList } from '../components/PostList';
import { useI18n } from '../i18n';
import { useList, useStoredState } from '../lib/hooks';
import { useRealtimeEvent } from '../realtime';
import { useSession } from '../session';

const FEEDS = ['following', 'all'] as const;
type FeedKind = (typeof FEEDS)[number];

export default function Home() {
  const { me } = useSession();
  return me ? <Feed me={me} /> : <Welcome />;
}

/** Anonymous visitors get explore plus an invitation. */
function Welcome() {
  const { t } = useI18n();
  const list = useList<Post>('/posts');
  return (
    <section>
      <PageHeading title={t('app.name')} />
      <div class="card hero">
        <p class="lead">{t('home.welcome')}</p>
        <p>{t('home.signupPrompt')}</p>
        <p class="actions">
          <a class="btn btn-primary" href="/register">
            {t('nav.register')}
          </a>
          <a class="btn" href="/login">
            {t('nav.login')}
          </a>
        </p>
      </div>
      <h2>{t('explore.title')}</h2>
      <PostList list={list} empty={t('explore.empty')} />
    </section>
  );
}

function Feed({ me }: { me: Me }) {
  const { t, tn } = useI18n();
  const { can } = useSession();
  const [kind, setKind] = useStoredState<FeedKind>('inkwell.feed', 'following', FEEDS);
  const path = kind === 'all' ? '/posts' : '/feed';
  const list = useList<Post>(path);
  // Pushed posts wait behind a banner instead of shifting what the reader is looking at.
  const [pending, setPending] = useState<Post[]>([]);
  const [fresh, setFresh] = useState<Set<number>>(new Set());

  function queue(posts: Post[]) {
    const known = new Set(list.items.map((p) => p.id));
    setPending((prev) => {
      const ids = new Set(prev.map((p) => p.id));
      const add = posts.filter((p) => !known.has(p.id) && !ids.has(p.id) && p.author.id !== me.id);
      return add.length ? [...add, ...prev].sort((a, b) => b.id - a.id) : prev;
    });
  }

  useRealtimeEvent('post', (p) => queue([p]));
  // `post` pushes are not stored: after a reconnect, whatever is newer on the server is what we missed.
  useRealtimeEvent('resync', async ({ reconnect }) => {
    if (!reconnect || list.items.length === 0) return;
    try {
      const top = await api.get<Collection<Post>>(path);
      const newest = list.items[0].id;
      queue(top.items.filter((p) => p.id > newest));
    } catch {
      // The next reconnect or reload will catch up.
    }
  });

  function showPending() {
    setFresh(new Set(pending.map((p) => p.id)));
    list.setItems((items) => [...pending, ...items.filter((i) => !pending.some((p) => p.id === i.id))]);
    setPending([]);
  }

  function switchTo(k: FeedKind) {
    setPending([]);
    setKind(k);
  }

  return (
    <section>
      <PageHeading title={t('home.greeting', { name: me.name || me.username })} />
      {/* Unconfirmed accounts cannot post (403); the banner above tells them how to fix that. */}
      {me.confirmed !== false && can(Permission.WRITE) && (
        <MarkdownForm
          kind="post"
          class="card composer"
          label={t('composer.label')}
          submitLabel={t('composer.submit')}
          sentMessage={t('composer.published')}
          send={(body) => api.post<Post>('/posts', { body })}
          onSent={(p) => {
            setFresh(new Set([p.id]));
            list.setItems((items) => [p, ...items]);
          }}
        />
      )}
      <div class="tabs" role="group" aria-label={t('feed.filter')}>
        {FEEDS.map((k) => (
          <button key={k} type="button" class="tab" aria-pressed={kind === k} onClick={() => switchTo(k)}>
            {t(k === 'all' ? 'feed.all' : 'feed.following')}
          </button>
        ))}
      </div>
      {pending.length > 0 && (
        <button type="button" class="new-posts" onClick={showPending}>
          {tn('feed.newPosts', pending.length)}
        </button>
      )}
      <PostList list={list} empty={t(kind === 'all' ? 'explore.empty' : 'feed.empty')} freshIds={fresh} />
    </section>
  );
}
