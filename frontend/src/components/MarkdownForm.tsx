import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { api, type ApiError, type MarkdownKind, type MarkdownPreview, type ServerHtml } from '../api';
import { useI18n } from '../i18n';
import { useAutoGrow } from '../lib/autogrow';
import { useAttachments, type Blocker, type Media } from '../lib/attachments';
import { useDraft } from '../lib/drafts';
import { useSubmit } from '../lib/hooks';
import { MARKDOWN_LIMITS } from '../lib/limits';
import { FormError } from './Field';
import { AttachButton, AttachmentList, altFieldId, removeButtonId, usePictureDrop } from './MediaPicker';
import { MarkdownToolbar, shortcutFormat, useFormatter, type TextareaRef } from './MarkdownToolbar';
import { SafeHtml } from './SafeHtml';
import { toast } from './toast';

type Tab = 'write' | 'preview';
const TABS: readonly Tab[] = ['write', 'preview'];

/**
 * The one form for Markdown text: the composer, a post's edit form and the comment form. It holds the
 * text (kept as a draft per place when given `draftKey`), checks it against the API's limit for its
 * kind, and shows the server's errors; the caller says where the text goes (`send`) and what happens
 * with the result (`onSent`). With `pictures` it is a post's form: pictures attach by button, drop and
 * paste, and `send` gets their ids in the order shown.
 */
export function MarkdownForm<T>(props: {
  kind: MarkdownKind;
  label: string;
  submitLabel: string;
  /** Toasted once the text is sent. */
  sentMessage: string;
  /** `mediaIds`: the attached pictures, in the order shown (given only with `pictures`). */
  send: (body: string, mediaIds?: number[]) => Promise<T>;
  onSent: (result: T) => void;
  /** The text being edited. Without it the form is for new text, and empties itself after each send. */
  initialBody?: string;
  /** Where unsent text is kept across navigation and reloads (see lib/drafts.ts `draftPlaces`). */
  draftKey?: string;
  /** Shows a Cancel button; Cancel also drops the draft. */
  onCancel?: () => void;
  /** Extra toolbar buttons, after the formatting ones (and the "Add pictures" button). */
  tools?: ComponentChildren;
  /** Lets pictures be attached (SPEC §9); `initial` are those of the post being edited. */
  pictures?: { initial?: readonly Partial<Media>[] };
  class?: string;
  rows?: number;
  autoFocus?: boolean;
}) {
  const { t } = useI18n();
  const editing = props.initialBody !== undefined;
  const draft = useDraft(props.draftKey, props.initialBody ?? '');
  const body = draft.value;
  const withPictures = !!props.pictures;
  const pictures = useAttachments(props.pictures?.initial);
  const drop = usePictureDrop(pictures);
  const submit = useSubmit(async () => {
    if (!withPictures) return props.send(body);
    // The API refuses a picture without alt text: the last keystrokes' save must land first.
    await pictures.sync();
    return props.send(body, pictures.ids());
  });
  const max = MARKDOWN_LIMITS[props.kind];
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [tab, setTab] = useState<Tab>('write');
  const id = useId();
  const addButtonId = `${id}-add`;
  const blockedHintId = `${id}-blocked`;
  // Once the user tried to post, empty alt fields say so (not before: an empty field is no error yet).
  const [tried, setTried] = useState(false);
  const blocked: Blocker = withPictures ? pictures.blocker : null;
  // Whitespace alone is no text (the API would answer 422 "Length must be between 1 and …").
  const canSend = !submit.busy && body.trim() !== '' && body.length <= max;

  async function onSubmit(e: Event) {
    e.preventDefault();
    if (!canSend) return;
    if (blocked) {
      // The button stays focusable and says why (aria-describedby); a try takes the user to the cause.
      setTried(true);
      if (blocked.reason === 'alt') {
        setTab('write');
        requestAnimationFrame(() => document.getElementById(altFieldId(id, blocked.key))?.focus());
      } else if (blocked.reason === 'failed') {
        document.getElementById(removeButtonId(id, blocked.key))?.focus();
      }
      return;
    }
    const result = await submit.run();
    if (!result) return;
    draft.clear(editing ? body : '');
    if (withPictures) pictures.sent(editing);
    setTried(false);
    toast(props.sentMessage, 'success');
    props.onSent(result);
    if (!editing) {
      // Ready for the next one: back in the box, whichever button or key sent this.
      setTab('write');
      textarea.current?.focus();
    }
  }

  return (
    <form
      class={`${props.class ?? 'card'}${drop.dropping ? ' dropping' : ''}`}
      onSubmit={onSubmit}
      onDragOver={withPictures ? drop.onDragOver : undefined}
      onDragLeave={withPictures ? drop.onDragLeave : undefined}
      onDrop={withPictures ? drop.onDrop : undefined}
    >
      <MarkdownEditor
        label={props.label}
        kind={props.kind}
        value={body}
        onInput={draft.set}
        max={max}
        error={submit.error}
        rows={props.rows}
        autoFocus={props.autoFocus}
        textarea={textarea}
        tab={tab}
        onTab={setTab}
        onPaste={withPictures ? drop.onPaste : undefined}
        tools={
          withPictures ? (
            <>
              <AttachButton attachments={pictures} id={addButtonId} />
              {props.tools}
            </>
          ) : (
            props.tools
          )
        }
      />
      {withPictures && (
        <AttachmentList attachments={pictures} idPrefix={id} addButtonId={addButtonId} showMissing={tried} />
      )}
      <FormError error={submit.error} fields={['body']} />
      <div class="actions">
        <button
          class="btn btn-primary"
          disabled={!canSend}
          aria-disabled={blocked ? true : undefined}
          aria-describedby={blocked ? blockedHintId : undefined}
          title={t('composer.submitHint')}
          aria-keyshortcuts="Control+Enter Meta+Enter"
        >
          {props.submitLabel}
        </button>
        {props.onCancel && (
          <button
            type="button"
            class="btn"
            onClick={() => {
              draft.clear();
              props.onCancel?.();
            }}
          >
            {t('app.cancel')}
          </button>
        )}
        {blocked && <BlockedHint id={blockedHintId} blocked={blocked} />}
      </div>
    </form>
  );
}

/** Why the post cannot go out yet, next to its button (which names this hint as its description). */
function BlockedHint(props: { id: string; blocked: NonNullable<Blocker> }) {
  const { t } = useI18n();
  const key = {
    uploading: 'pictures.blockedUploading',
    failed: 'pictures.blockedFailed',
    alt: 'pictures.blockedAlt',
  } as const;
  return (
    <small id={props.id} class="muted submit-blocked">
      {t(key[props.blocked.reason])}
    </small>
  );
}

/**
 * Write / Preview tabs over one auto-growing textarea and its formatting toolbar. The preview is
 * rendered by the server's own renderer and sanitiser (what you see is what gets stored, and the
 * client ships no Markdown library), and only asked for while the Preview tab is open.
 */
function MarkdownEditor(props: {
  label: string;
  kind: MarkdownKind;
  value: string;
  onInput: (v: string) => void;
  max: number;
  error: ApiError | null;
  rows?: number;
  autoFocus?: boolean;
  textarea: TextareaRef;
  tab: Tab;
  onTab: (tab: Tab) => void;
  onPaste?: (e: ClipboardEvent) => void;
  tools?: ComponentChildren;
}) {
  const { t } = useI18n();
  const id = useId();
  const tabId = (tab: Tab) => `${id}-tab-${tab}`;
  const panelId = `${id}-panel`;
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  const format = useFormatter(props.textarea);
  const fieldError = props.error?.field('body');
  const { value, tab } = props;
  const writing = tab === 'write';
  useAutoGrow(props.textarea, value, writing);

  function onTabKey(e: KeyboardEvent) {
    // The tabs pattern of the ARIA practices: arrows move between tabs (wrapping), Home/End to the ends.
    const i = TABS.indexOf(tab);
    const next =
      e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length]
      : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length]
      : e.key === 'Home' ? TABS[0]
      : e.key === 'End' ? TABS[TABS.length - 1]
      : null;
    if (!next) return;
    e.preventDefault();
    props.onTab(next);
    tabRefs.current[next]?.focus();
  }

  function onKeyDown(e: KeyboardEvent) {
    const kind = shortcutFormat(e);
    if (kind) {
      e.preventDefault();
      format(kind);
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.isComposing) {
      e.preventDefault();
      (e.currentTarget as HTMLTextAreaElement).form?.requestSubmit();
    }
  }

  const over = value.length > props.max;
  return (
    <div class="md-editor">
      <div class="md-head">
        <label for={id}>{props.label}</label>
        <div class="md-tabs" role="tablist" aria-label={t('composer.tabs')} onKeyDown={onTabKey}>
          {TABS.map((name) => (
            <button
              key={name}
              ref={(el) => {
                tabRefs.current[name] = el;
              }}
              type="button"
              role="tab"
              id={tabId(name)}
              class="md-tab"
              aria-selected={tab === name}
              aria-controls={panelId}
              tabIndex={tab === name ? 0 : -1}
              onClick={() => props.onTab(name)}
            >
              {t(name === 'write' ? 'composer.write' : 'composer.preview')}
            </button>
          ))}
        </div>
      </div>
      {/* One panel whose content follows the tab: one name on the page per form, not a region each. */}
      <div role="tabpanel" id={panelId} aria-labelledby={tabId(tab)} class="md-panel">
        {writing && <MarkdownToolbar target={props.textarea}>{props.tools}</MarkdownToolbar>}
        <textarea
          ref={props.textarea}
          id={id}
          name="body"
          class="md-input"
          rows={props.rows ?? 3}
          value={value}
          // Hidden, not unmounted, on the Preview tab: its undo history survives the round trip.
          hidden={!writing}
          placeholder={t('composer.placeholder')}
          aria-invalid={fieldError || over ? true : undefined}
          aria-describedby={`${id}-count${fieldError ? ` ${id}-err` : ''}`}
          autoFocus={props.autoFocus}
          onInput={(e) => props.onInput(e.currentTarget.value)}
          onKeyDown={onKeyDown}
          onPaste={props.onPaste}
        />
        {!writing && <MarkdownPreviewPane kind={props.kind} value={value} />}
      </div>
      <small id={`${id}-count`} class={over ? 'field-error counter' : 'muted counter'}>
        {t('composer.count', { count: value.length, max: props.max })}
      </small>
      {fieldError && (
        <small id={`${id}-err`} class="field-error">
          {fieldError}
        </small>
      )}
    </div>
  );
}

type PreviewState = { status: 'loading' } | { status: 'ready'; html: ServerHtml } | { status: 'failed' };

/** The server's rendering of `value`, fetched when shown (the Preview tab mounts it). */
function MarkdownPreviewPane(props: { kind: MarkdownKind; value: string }) {
  const { t } = useI18n();
  const { kind, value } = props;
  const blank = !value.trim();
  const [state, setState] = useState<PreviewState>({ status: 'loading' });

  useEffect(() => {
    if (blank) return;
    let current = true;
    setState({ status: 'loading' });
    api.post<MarkdownPreview>('/markdown', { body: value, kind }).then(
      (res) => current && setState({ status: 'ready', html: res.html }),
      // Best effort (e.g. rate limited or offline): the text itself is validated on submit.
      () => current && setState({ status: 'failed' }),
    );
    return () => {
      current = false;
    };
  }, [value, kind, blank]);

  if (blank) return <p class="md-preview muted">{t('composer.previewEmpty')}</p>;
  if (state.status === 'loading') return <p class="md-preview muted" aria-busy="true">{t('composer.previewLoading')}</p>;
  if (state.status === 'failed') return <p class="md-preview form-error">{t('composer.previewFailed')}</p>;
  return (
    <div class="md-preview">
      <SafeHtml html={state.html} />
    </div>
  );
}
