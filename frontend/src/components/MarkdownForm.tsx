import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { api, type ApiError, type MarkdownKind, type MarkdownPreview, type ServerHtml } from '../api';
import { useI18n } from '../i18n';
import { useAutoGrow } from '../lib/autogrow';
import { useDraft } from '../lib/drafts';
import { useSubmit } from '../lib/hooks';
import { MARKDOWN_LIMITS } from '../lib/limits';
import { FormError } from './Field';
import { MarkdownToolbar, shortcutFormat, useFormatter, type TextareaRef } from './MarkdownToolbar';
import { SafeHtml } from './SafeHtml';
import { toast } from './toast';

type Tab = 'write' | 'preview';
const TABS: readonly Tab[] = ['write', 'preview'];

/**
 * The one form for Markdown text: the composer, a post's edit form and the comment form. It holds the
 * text (kept as a draft per place when given `draftKey`), checks it against the API's limit for its
 * kind, and shows the server's errors; the caller says where the text goes (`send`) and what happens
 * with the result (`onSent`).
 */
export function MarkdownForm<T>(props: {
  kind: MarkdownKind;
  label: string;
  submitLabel: string;
  /** Toasted once the text is sent. */
  sentMessage: string;
  send: (body: string) => Promise<T>;
  onSent: (result: T) => void;
  /** The text being edited. Without it the form is for new text, and empties itself after each send. */
  initialBody?: string;
  /** Where unsent text is kept across navigation and reloads (see lib/drafts.ts `draftPlaces`). */
  draftKey?: string;
  /** Shows a Cancel button; Cancel also drops the draft. */
  onCancel?: () => void;
  /** Extra toolbar buttons, after the formatting ones (the image button of [5/8]). */
  tools?: ComponentChildren;
  class?: string;
  rows?: number;
  autoFocus?: boolean;
}) {
  const { t } = useI18n();
  const editing = props.initialBody !== undefined;
  const draft = useDraft(props.draftKey, props.initialBody ?? '');
  const body = draft.value;
  const submit = useSubmit(() => props.send(body));
  const max = MARKDOWN_LIMITS[props.kind];
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [tab, setTab] = useState<Tab>('write');
  // Whitespace alone is no text (the API would answer 422 "Length must be between 1 and …").
  const canSend = !submit.busy && body.trim() !== '' && body.length <= max;

  async function onSubmit(e: Event) {
    e.preventDefault();
    if (!canSend) return;
    const result = await submit.run();
    if (!result) return;
    draft.clear(editing ? body : '');
    toast(props.sentMessage, 'success');
    props.onSent(result);
    if (!editing) {
      // Ready for the next one: back in the box, whichever button or key sent this.
      setTab('write');
      textarea.current?.focus();
    }
  }

  return (
    <form class={props.class ?? 'card'} onSubmit={onSubmit}>
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
        tools={props.tools}
      />
      <FormError error={submit.error} fields={['body']} />
      <div class="actions">
        <button
          class="btn btn-primary"
          disabled={!canSend}
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
      </div>
    </form>
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
