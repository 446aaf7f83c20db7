import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api, type Collection, type Message } from '../api';
import { Avatar } from '../components/Avatar';
import { FormError } from '../components/Field';
import { PageHeading } from '../components/PageHeading';
import { RelativeTime } from '../components/RelativeTime';
import { requireAuth } from '../components/RequireAuth';
import { Empty, ErrorState, Loading } from '../components/States';
import { toast } from '../components/toast';
import { useI18n } from '../i18n';
import { useList, useSubmit } from '../lib/hooks';
import { LIMITS } from '../lib/limits';
import { useCatchUp, useRealtimeEvent } from '../realtime';
import { useSession } from '../session';

function Thread(props: { params: { username: string } }) {
  const { username } = props.params;
  const enc = encodeURIComponent(username);
  const { t } = useI18n();
  const { me } = useSession();
  const path = `/conversations/${enc}`;
  const list = useList<Message>(path);
  // Messages pushed, sent from here or caught up since the list loaded: kept beside it, so a reload whose
  // answer was read before one of them was stored cannot drop it.
  const [arrived, setArrived] = useState<{ path: string; items: Message[] }>({ path, items: [] });
  const extra = arrived.path === path ? arrived.items : [];
  const [body, setBody] = useState('');
  const box = useRef<HTMLOListElement>(null);
  const atBottom = useRef(true);
  const isPeer = (m: Message) =>
    m.sender.username.toLowerCase() === username.toLowerCase() ||
    m.recipient.username.toLowerCase() === username.toLowerCase();

  // Shown oldest → newest whatever order the API pages in, each message once.
  const byId = new Map<number, Message>();
  for (const m of [...extra, ...list.items]) byId.set(m.id, m);
  const messages = [...byId.values()].sort((a, b) => a.id - b.id);
  const lastId = messages.length ? messages[messages.length - 1].id : 0;

  function add(items: Message[]) {
    setArrived((prev) => {
      const mine = prev.path === path ? prev.items : [];
      const known = new Set(mine.map((m) => m.id));
      const fresh = items.filter((m) => !known.has(m.id));
      return fresh.length || prev.path !== path ? { path, items: [...mine, ...fresh] } : prev;
    });
  }

  // Reading the thread is what marks it read (listing never does): on open and on each arrival.
  const markRead = useCallback(() => api.post(`/conversations/${enc}/read`).catch(() => {}), [enc]);
  useEffect(() => {
    void markRead();
  }, [markRead]);

  useRealtimeEvent('message', (m) => {
    if (!isPeer(m)) return;
    add([m]);
    if (m.sender.id !== me?.id) void markRead();
  });
  // Messages are stored before they are pushed: after any interruption the newest page has what was
  // missed (a gap longer than a page reloads the list, whose "load more" then reaches back).
  useCatchUp(path, () => {
    api.get<Collection<Message>>(path).then(
      (res) => {
        const known = new Set(messages.map((m) => m.id));
        const joins = messages.length === 0 || res.items.some((m) => known.has(m.id)) || !res._links?.next;
        if (joins) add(res.items);
        else list.reload();
        if (res.items.some((m) => !known.has(m.id) && m.sender.id !== me?.id)) void markRead();
      },
      () => list.reload(),
    );
  });

  useLayoutEffect(() => {
    const el = box.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [lastId]);

  const submit = useSubmit(() => api.post<Message>('/messages', { recipient: username, body }));
  async function onSubmit(e: Event) {
    e.preventDefault();
    const m = await submit.run();
    if (m) {
      setBody('');
      atBottom.current = true;
      add([m]);
    }
  }

  // Once per failed load: not again when the language changes, nor for the next user while the old error
  // is still in state, so the message is read from a ref rather than made a reason to run.
  const notFoundMessage = useRef('');
  notFoundMessage.current = t('user.notFound', { username });
  useEffect(() => {
    if (list.error?.status === 404) toast(notFoundMessage.current, 'error');
  }, [list.error]);

  return (
    <section class="thread">
      <PageHeading title={t('messages.threadTitle', { username })} />
      <p>
        <a href="/messages">← {t('messages.back')}</a>
      </p>
      {list.error && list.items.length === 0 ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : list.loading && list.items.length === 0 ? (
        <Loading />
      ) : (
        <>
          {list.hasMore && (
            <button type="button" class="btn btn-small" onClick={list.loadMore} disabled={list.loading}>
              {t('app.loadMore')}
            </button>
          )}
          {messages.length === 0 ? (
            <Empty>{t('messages.threadEmpty')}</Empty>
          ) : (
            <ol
              class="messages"
              ref={box}
              tabIndex={0}
              aria-label={t('messages.threadTitle', { username })}
              onScroll={(e) => {
                const el = e.currentTarget;
                atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
              }}
            >
              {messages.map((m) => {
                const mine = m.sender.id === me?.id;
                return (
                  <li key={m.id} class={`bubble ${mine ? 'mine' : 'theirs'}`}>
                    {!mine && <Avatar user={m.sender} size={28} />}
                    <div>
                      <p class="bubble-body">{m.body}</p>
                      <span class="muted small">
                        <RelativeTime iso={m.timestamp} />
                        {mine && m.read_at && ` · ${t('messages.read')}`}
                      </span>
                    </div>
                  </li>
                );
              })}
            </ol>
          )}
        </>
      )}
      {list.error?.status !== 404 && (
        <form class="card composer-inline" onSubmit={onSubmit}>
          <label for="msg-body">{t('messages.label')}</label>
          <textarea
            id="msg-body"
            name="body"
            rows={2}
            maxLength={LIMITS.messageBody}
            value={body}
            aria-invalid={submit.error?.field('body') ? true : undefined}
            onInput={(e) => setBody(e.currentTarget.value)}
            onKeyDown={(e) => {
              // Enter sends, Shift+Enter breaks the line: the chat convention.
              if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
                e.preventDefault();
                (e.currentTarget.form as HTMLFormElement).requestSubmit();
              }
            }}
          />
          {submit.error?.field('body') && <small class="field-error">{submit.error.field('body')}</small>}
          <FormError error={submit.error} fields={['body']} />
          <div class="actions">
            <button class="btn btn-primary" disabled={submit.busy || !body.trim()}>
              {t('messages.send')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

export default requireAuth(Thread);
