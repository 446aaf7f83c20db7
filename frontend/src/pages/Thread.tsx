import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api, type Collection, type BriefUser, type Message } from '../api';
import { Avatar } from '../components/Avatar';
import { FormError } from '../components/Field';
import { PageHeading } from '../components/PageHeading';
import { RelativeTime } from '../components/RelativeTime';
import { requireAuth } from '../components/RequireAuth';
import { Empty, ErrorState, Loading } from '../components/States';
import { toast } from '../components/toast';
import { useI18n } from '../i18n';
import { useAutoGrow } from '../lib/autogrow';
import { draftPlaces, useDraft } from '../lib/drafts';
import { useList, useSubmit } from '../lib/hooks';
import { LIMITS } from '../lib/limits';
import { useCatchUp, useRealtimeEvent } from '../realtime';
import { useSession } from '../session';

/** The data of a `messages_read` notification (backend ReadReceiptSchema): a peer read up to `up_to`. */
interface ReadReceipt {
  reader: BriefUser;
  up_to: number;
  read_at: string;
}

/** Two copies of one message: the one that knows it was read (read_at is never unset). */
const fresher = (a: Message, b: Message) => (b.read_at && !a.read_at ? b : a);

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
  const draft = useDraft(draftPlaces.message(username));
  const body = draft.value;
  const input = useRef<HTMLTextAreaElement>(null);
  useAutoGrow(input, body);
  // The newest read receipt from this peer, pushed while the page is open.
  const [receipt, setReceipt] = useState<{ path: string; upTo: number; readAt: string } | null>(null);
  const box = useRef<HTMLOListElement>(null);
  const atBottom = useRef(true);
  const isPeer = (m: Message) =>
    m.sender.username.toLowerCase() === username.toLowerCase() ||
    m.recipient.username.toLowerCase() === username.toLowerCase();

  // Shown oldest → newest whatever order the API pages in, each message once, read if any copy says so.
  const byId = new Map<number, Message>();
  for (const m of [...extra, ...list.items]) {
    const known = byId.get(m.id);
    byId.set(m.id, known ? fresher(known, m) : m);
  }
  const upTo = receipt?.path === path ? receipt : null;
  const messages = [...byId.values()]
    .sort((a, b) => a.id - b.id)
    .map((m) => (upTo && !m.read_at && m.sender.id === me?.id && m.id <= upTo.upTo ? { ...m, read_at: upTo.readAt } : m));
  // "Read" goes under the newest of one's own messages the peer has read (the ones before it are too).
  const lastRead = messages.reduce((found, m) => (m.sender.id === me?.id && m.read_at ? m.id : found), 0);
  const lastId = messages.length ? messages[messages.length - 1].id : 0;

  // New messages join; a newer copy of a known one (a catch-up that says it was read) replaces it.
  function add(items: Message[]) {
    setArrived((prev) => {
      const mine = prev.path === path ? prev.items : [];
      const known = new Map(mine.map((m) => [m.id, m]));
      let changed = prev.path !== path;
      for (const m of items) {
        const old = known.get(m.id);
        const next = old ? fresher(old, m) : m;
        if (next !== old) {
          known.set(m.id, next);
          changed = true;
        }
      }
      return changed ? { path, items: [...known.values()] } : prev;
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
  // The peer opened the thread (any tab, any worker): our messages up to `up_to` show "Read" at once.
  useRealtimeEvent('notification', (n) => {
    if (n.name !== 'messages_read') return;
    const r = n.data as ReadReceipt;
    if (r?.reader?.username?.toLowerCase() !== username.toLowerCase()) return;
    setReceipt((prev) =>
      prev?.path === path && prev.upTo >= r.up_to ? prev : { path, upTo: r.up_to, readAt: r.read_at },
    );
  });
  // Messages are stored before they are pushed: after any interruption the newest page has what was
  // missed, read receipts included (a gap longer than a page reloads the list, whose "load more" then
  // reaches back).
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
  // Whitespace alone is no message: Enter on it does nothing (the API would answer 422).
  const canSend = !submit.busy && body.trim() !== '' && body.length <= LIMITS.messageBody;
  async function onSubmit(e: Event) {
    e.preventDefault();
    if (!canSend) return;
    const m = await submit.run();
    if (m) {
      draft.clear('');
      atBottom.current = true;
      add([m]);
      input.current?.focus();
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
                      <span class="muted small bubble-meta">
                        <RelativeTime iso={m.timestamp} />
                        {m.id === lastRead && <span class="read-receipt"> · {t('messages.read')}</span>}
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
            ref={input}
            id="msg-body"
            name="body"
            class="md-input"
            rows={2}
            maxLength={LIMITS.messageBody}
            value={body}
            aria-invalid={submit.error?.field('body') ? true : undefined}
            aria-describedby="msg-hint"
            onInput={(e) => draft.set(e.currentTarget.value)}
            onKeyDown={(e) => {
              // Enter sends, Shift+Enter breaks the line: the chat convention.
              if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
                e.preventDefault();
                (e.currentTarget.form as HTMLFormElement).requestSubmit();
              }
            }}
          />
          <small id="msg-hint" class="muted small">
            {t('messages.enterHint')}
          </small>
          {submit.error?.field('body') && <small class="field-error">{submit.error.field('body')}</small>}
          <FormError error={submit.error} fields={['body']} />
          <div class="actions">
            <button class="btn btn-primary" disabled={!canSend}>
              {t('messages.send')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

export default requireAuth(Thread);
