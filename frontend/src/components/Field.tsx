import type { InputHTMLAttributes, TextareaHTMLAttributes } from 'preact';
import { useId } from 'preact/hooks';
import type { ApiError } from '../api';
import { useI18n } from '../i18n';

// The attributes our forms actually pass; preact's full input typing is a union that Omit flattens badly.
interface InputProps {
  id?: string;
  type?: 'text' | 'email' | 'password' | 'search' | 'url';
  value?: string;
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  autoComplete?: string;
  placeholder?: string;
  disabled?: boolean;
  onInput?: (e: Event & { currentTarget: HTMLInputElement }) => void;
  onBlur?: () => void;
}
type AreaProps = Pick<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  'id' | 'value' | 'rows' | 'maxLength' | 'required' | 'placeholder' | 'onInput'
>;

interface Common {
  label: string;
  name: string;
  error?: ApiError | null;
  /** An error computed client-side (e.g. passwords differ); shown in preference to the server's. */
  localError?: string | null;
  hint?: string;
}

function messageFor(p: Common): string | undefined {
  // Every server message for the field, not just the first: "too short" and "bad characters" can both apply.
  return p.localError ?? p.error?.errors[p.name]?.join(' ');
}

/** Label, control and the server's field error, wired together with aria-describedby. */
export function TextField(props: Common & InputProps) {
  const { label, name, error, localError, hint, id, ...rest } = props;
  const auto = useId();
  const fid = (id as string) ?? `${name}-${auto}`;
  const msg = messageFor(props);
  const describedBy = [hint && `${fid}-hint`, msg && `${fid}-err`].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={fid}>{label}</label>
      <input
        id={fid}
        name={name}
        aria-invalid={msg ? true : undefined}
        aria-describedby={describedBy}
        {...(rest as InputHTMLAttributes<HTMLInputElement>)}
      />
      {hint && (
        <small id={`${fid}-hint`} class="hint">
          {hint}
        </small>
      )}
      {msg && (
        <small id={`${fid}-err`} class="field-error">
          {msg}
        </small>
      )}
    </div>
  );
}

export function TextArea(props: Common & AreaProps) {
  const { label, name, error, localError, hint, id, ...rest } = props;
  const auto = useId();
  const fid = (id as string) ?? `${name}-${auto}`;
  const msg = messageFor(props);
  return (
    <div class="field">
      <label for={fid}>{label}</label>
      <textarea id={fid} name={name} aria-invalid={msg ? true : undefined} aria-describedby={msg ? `${fid}-err` : undefined} {...rest} />
      {hint && <small class="hint">{hint}</small>}
      {msg && (
        <small id={`${fid}-err`} class="field-error">
          {msg}
        </small>
      )}
    </div>
  );
}

/** Form-level error: the message when no field claimed it (e.g. 403 Unconfirmed, 429). */
export function FormError(props: { error: ApiError | null; fields?: readonly string[] }) {
  const { t } = useI18n();
  const e = props.error;
  if (!e) return null;
  const claimed = props.fields?.some((f) => e.field(f));
  // Already shown next to its field: repeating it at the form level is noise for screen readers.
  if (claimed) return null;
  // The API's 403 for accounts that have not confirmed their email yet: point at the fix.
  const unconfirmed = e.status === 403 && /unconfirmed/i.test(e.message);
  return (
    <p class="form-error" role="alert">
      {e.message}
      {unconfirmed && (
        <>
          {' '}
          <a href="/unconfirmed">{t('app.unconfirmedLink')}</a>
        </>
      )}
    </p>
  );
}
