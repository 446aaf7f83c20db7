import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { api, type ApiError, type MarkdownKind, type MarkdownPreview, type ServerHtml } from '../api';
import { useI18n } from '../i18n';
import { useSubmit } from '../lib/hooks';
import { MARKDOWN_LIMITS } from '../lib/limits';
import { FormError } from './Field';
import { SafeHtml } from './SafeHtml';
import { toast } from './toast';

const PREVIEW_DEBOUNCE_MS = 350;

/**
 * The one form for Markdown text: the composer, a post's edit form and the comment form. It holds the
 * draft, checks it against the API's limit for its kind, and shows the server's errors; the caller
 * says where the text goes (`send`) and what happens with the result (`onSent`).
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
  /** Shows a Cancel button. */
  onCancel?: () => void;
  class?: string;
  rows?: number;
  autoFocus?: boolean;
}) {
  const { t } = useI18n();
  const [body, setBody] = useState(props.initialBody ?? '');
  const submit = useSubmit(() => props.send(body));
  const max = MARKDOWN_LIMITS[props.kind];

  async function onSubmit(e: Event) {
    e.preventDefault();
    const result = await submit.run();
    if (!result) return;
    if (props.initialBody === undefined) setBody('');
    toast(props.sentMessage, 'success');
    props.onSent(result);
  }

  return (
    <form class={props.class ?? 'card'} onSubmit={onSubmit}>
      <MarkdownEditor
        label={props.label}
        kind={props.kind}
        value={body}
        onInput={setBody}
        max={max}
        error={submit.error}
        rows={props.rows}
        autoFocus={props.autoFocus}
      />
      <FormError error={submit.error} fields={['body']} />
      <div class="actions">
        <button class="btn btn-primary" disabled={submit.busy || !body.trim() || body.length > max}>
          {props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" class="btn" onClick={props.onCancel}>
            {t('app.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

/**
 * Markdown textarea with a live preview rendered by the server's own renderer and sanitiser, so what
 * you see is exactly what gets stored (and the client ships no Markdown library).
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
}) {
  const { t } = useI18n();
  const id = useId();
  const [preview, setPreview] = useState<ServerHtml | null>(null);
  const [showPreview, setShowPreview] = useState(true);
  const seq = useRef(0);
  const fieldError = props.error?.field('body');
  const { value, kind } = props;

  useEffect(() => {
    const mine = ++seq.current;
    if (!value.trim()) {
      setPreview(null);
      return;
    }
    const timer = setTimeout(async () => {
      try {
        const res = await api.post<MarkdownPreview>('/markdown', { body: value, kind });
        if (mine === seq.current) setPreview(res.html);
      } catch {
        // Preview is best effort (e.g. rate limited); the text itself is validated on submit.
      }
    }, PREVIEW_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [value, kind]);

  const over = value.length > props.max;
  return (
    <div class="md-editor">
      <div class="md-head">
        <label for={id}>{props.label}</label>
        <label class="md-toggle">
          <input type="checkbox" checked={showPreview} onChange={(e) => setShowPreview(e.currentTarget.checked)} />{' '}
          {t('composer.preview')}
        </label>
      </div>
      <div class={showPreview ? 'md-panes' : ''}>
        <textarea
          id={id}
          name="body"
          rows={props.rows ?? 4}
          value={value}
          placeholder={t('composer.placeholder')}
          aria-invalid={fieldError || over ? true : undefined}
          aria-describedby={`${id}-count${fieldError ? ` ${id}-err` : ''}`}
          autoFocus={props.autoFocus}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
        {showPreview && (
          <section class="md-preview" aria-label={t('composer.preview')}>
            {preview ? <SafeHtml html={preview} /> : <p class="muted">{t('composer.previewEmpty')}</p>}
          </section>
        )}
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
