import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { api, ApiError, type Me } from '../api';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { Avatar } from './Avatar';
import { useConfirm } from './ConfirmDialog';
import { toast } from './toast';

// What the API decodes (SPEC §9); it recognises the type by content, this only filters the chooser.
const ACCEPT = 'image/jpeg,image/png,image/webp,image/gif';

/** The identicon endpoint and Gravatar are generated pictures; anything else is an upload. */
export function hasUploadedAvatar(url: string | null | undefined): boolean {
  return !!url && !/\/avatar\.svg(\?|$)/.test(url) && !/gravatar\.com\//.test(url);
}

/**
 * Settings' "Avatar" card: the current picture, a file chooser that uploads at once (PUT
 * /api/me/avatar, multipart `file`), and Remove (DELETE, after our ConfirmDialog) for an uploaded
 * one. The session's `me` takes the answer, so the header's avatar changes at once. The server's
 * error (in the reader's language: the client sends Accept-Language) is shown on the field.
 */
export function AvatarSettings() {
  const { t } = useI18n();
  const { me, updateMe, reloadMe } = useSession();
  const { ask, dialog } = useConfirm();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<'upload' | 'remove' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  // After a removal the Remove button is gone: focus moves to the file input, once it is enabled again.
  const refocus = useRef(false);
  useEffect(() => {
    if (busy === null && refocus.current) {
      refocus.current = false;
      input.current?.focus();
    }
  }, [busy]);
  if (!me) return null;
  const errId = `${id}-err`;

  async function onChange(e: Event) {
    const el = e.currentTarget as HTMLInputElement;
    const file = el.files?.[0];
    if (!file) return;
    setBusy('upload');
    setError(null);
    try {
      updateMe(await uploadAvatar(file));
      toast(t('avatar.updated'), 'success');
    } catch (err) {
      setError(uploadErrorText(err, t));
    } finally {
      // Cleared, so that choosing the same file again (a retry) fires change again.
      el.value = '';
      setBusy(null);
    }
  }

  async function remove() {
    const sure = await ask({
      title: t('avatar.removeTitle'),
      body: <p>{t('avatar.removeBody')}</p>,
      confirmLabel: t('avatar.remove'),
      danger: true,
    });
    if (!sure) return;
    setBusy('remove');
    setError(null);
    try {
      await api.del('/me/avatar');
      await reloadMe(); // the identicon's URL is the server's to give
      toast(t('avatar.removed'), 'success');
      refocus.current = true;
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('app.error'));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div class="card form avatar-settings" role="group" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('avatar.title')}</h2>
      <div class="avatar-settings-row">
        <Avatar user={me} size={80} />
        <div class="avatar-settings-controls">
          <div class="actions">
            <input
              ref={input}
              id={`${id}-file`}
              class="sr-only avatar-file"
              type="file"
              name="file"
              accept={ACCEPT}
              disabled={busy !== null}
              aria-invalid={error ? true : undefined}
              aria-describedby={[`${id}-hint`, error && errId].filter(Boolean).join(' ')}
              onChange={onChange}
            />
            <label for={`${id}-file`} class={`btn ${busy ? 'is-disabled' : ''}`}>
              {t('avatar.upload')}
            </label>
            {hasUploadedAvatar(me.avatar_url) && (
              <button type="button" class="btn btn-danger" disabled={busy !== null} onClick={() => void remove()}>
                {t('avatar.remove')}
              </button>
            )}
          </div>
          <small id={`${id}-hint`} class="hint">
            {t('avatar.hint')}
          </small>
          {busy === 'upload' && (
            <p class="avatar-progress" role="status">
              <span class="spinner" aria-hidden="true" /> {t('avatar.uploading')}
            </p>
          )}
          {error && (
            <small id={errId} class="field-error" role="alert">
              {error}
            </small>
          )}
        </div>
      </div>
      {dialog}
    </div>
  );
}

/** PUT /api/me/avatar with the file. One small file: the card shows a busy state, not progress. */
function uploadAvatar(file: File): Promise<Me> {
  const form = new FormData();
  form.append('file', file);
  return api.upload<Me>('/me/avatar', form, { method: 'PUT' });
}

/** The words for a failed upload: the server's own (already translated), else ours by status. */
function uploadErrorText(err: unknown, t: ReturnType<typeof useI18n>['t']): string {
  if (!(err instanceof ApiError)) return t('app.error');
  const onField = err.errors.file?.join(' ');
  if (onField) return onField;
  // The client words what arrives without a message (a network failure, a proxy's page).
  return err.message || t('app.error');
}
