import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { api, type MarkdownPreview, type ServerHtml, type ApiError } from '../api';
import { useI18n } from '../i18n';
import { SafeHtml } from './SafeHtml';

const DEBOUNCE_MS = 350;

/**
 * Markdown textarea with a live preview rendered by the server's own renderer and sanitiser, so what
 * you see is exactly what gets stored (and the client ships no Markdown library).
 */
export function MarkdownEditor(props: {
  label: string;
  name: string;
  value: string;
  onInput: (v: string) => void;
  kind: 'post' | 'comment';
  max: number;
  error?: ApiError | null;
  rows?: number;
  autoFocus?: boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  const [preview, setPreview] = useState<ServerHtml | null>(null);
  const [showPreview, setShowPreview] = useState(true);
  const seq = useRef(0);
  const fieldError = props.error?.field('body');

  useEffect(() => {
    const body = props.value;
    const mine = ++seq.current;
    if (!body.trim()) {
      setPreview(null);
      return;
    }
    const timer = setTimeout(async () => {
      try {
        const res = await api.post<MarkdownPreview>('/markdown', { body, kind: props.kind });
        if (mine === seq.current) setPreview(res.html);
      } catch {
        // Preview is best effort (e.g. rate limited); the post itself is validated on submit.
      }
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [props.value, props.kind]);

  const over = props.value.length > props.max;
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
          name={props.name}
          rows={props.rows ?? 4}
          value={props.value}
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
        {t('composer.count', { count: props.value.length, max: props.max })}
      </small>
      {fieldError && (
        <small id={`${id}-err`} class="field-error">
          {fieldError}
        </small>
      )}
    </div>
  );
}
