import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { api, type Locale, type Me } from '../api';
import { AvatarSettings } from '../components/AvatarSettings';
import { FormError, TextField } from '../components/Field';
import { PageHeading } from '../components/PageHeading';
import { PROFILE_FIELDS, ProfileFields, profileOf, type Profile } from '../components/ProfileFields';
import { requireAuth } from '../components/RequireAuth';
import { toast } from '../components/toast';
import { LOCALES, useI18n } from '../i18n';
import { useSubmit } from '../lib/hooks';
import { LIMITS } from '../lib/limits';
import { useChangeLocale, useSession } from '../session';
import { useConfirm } from '../components/ConfirmDialog';

function Settings() {
  const { t } = useI18n();
  return (
    <section class="settings">
      <PageHeading title={t('settings.title')} />
      <ProfileForm />
      <AvatarSettings />
      <LanguageForm />
      <PasswordForm />
      <EmailForm />
      <DeleteAccount />
    </section>
  );
}

function ProfileForm() {
  const { t } = useI18n();
  const { me, updateMe } = useSession();
  const [f, setF] = useState<Profile>(() =>
    me ? profileOf(me) : { username: '', name: '', location: '', about_me: '' },
  );
  const submit = useSubmit(() => api.patch<Me>('/me', f));

  async function onSubmit(e: Event) {
    e.preventDefault();
    const updated = await submit.run();
    if (updated) {
      updateMe(updated);
      toast(t('app.saved'), 'success');
    }
  }
  const err = submit.error;
  return (
    <form class="card form" onSubmit={onSubmit} aria-labelledby="s-profile" noValidate>
      <h2 id="s-profile">{t('settings.profile')}</h2>
      <ProfileFields
        value={f}
        error={err}
        ownAccount
        onChange={(k, v) => {
          setF({ ...f, [k]: v });
          if (err) submit.setError(err.withoutField(k)); // fixed fields lose their server error
        }}
      />
      <FormError error={err} fields={PROFILE_FIELDS} />
      <div class="actions">
        <button class="btn btn-primary" disabled={submit.busy}>
          {t('app.save')}
        </button>
      </div>
    </form>
  );
}

function LanguageForm() {
  const { t, locale } = useI18n();
  const change = useChangeLocale();
  return (
    <div class="card form" role="group" aria-labelledby="s-lang">
      <h2 id="s-lang">{t('settings.language')}</h2>
      <fieldset class="radios">
        <legend class="sr-only">{t('settings.language')}</legend>
        {LOCALES.map((l: Locale) => (
          <label key={l} class="check">
            <input type="radio" name="locale" value={l} checked={locale === l} onChange={() => void change(l)} />{' '}
            {t(`lang.${l}`)}
          </label>
        ))}
      </fieldset>
      <small class="hint">{t('settings.languageHelp')}</small>
    </div>
  );
}

function PasswordForm() {
  const { t } = useI18n();
  const [f, setF] = useState({ old_password: '', password: '', password2: '' });
  const mismatch = f.password2 !== '' && f.password !== f.password2;
  const submit = useSubmit(async () => {
    await api.put('/me/password', { old_password: f.old_password, password: f.password });
    return true;
  });
  async function onSubmit(e: Event) {
    e.preventDefault();
    if (mismatch) return;
    if (await submit.run()) {
      setF({ old_password: '', password: '', password2: '' });
      toast(t('settings.passwordDone'), 'success');
    }
  }
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  const err = submit.error;
  return (
    <form class="card form" onSubmit={onSubmit} aria-labelledby="s-pw" noValidate>
      <h2 id="s-pw">{t('settings.password')}</h2>
      <TextField label={t('settings.oldPassword')} name="old_password" type="password" autoComplete="current-password" required value={f.old_password} error={err} onInput={set('old_password')} />
      <TextField label={t('settings.newPassword')} name="password" type="password" autoComplete="new-password" required value={f.password} error={err} onInput={set('password')} />
      <TextField label={t('settings.newPassword2')} name="password2" type="password" autoComplete="new-password" required value={f.password2} localError={mismatch ? t('auth.register.mismatch') : null} onInput={set('password2')} />
      <FormError error={err} fields={['old_password', 'password']} />
      <div class="actions">
        <button class="btn btn-primary" disabled={submit.busy || !f.old_password || !f.password || mismatch}>
          {t('settings.updatePassword')}
        </button>
      </div>
    </form>
  );
}

function EmailForm() {
  const { t } = useI18n();
  const { me } = useSession();
  const [f, setF] = useState({ email: '', password: '' });
  const [sent, setSent] = useState(false);
  const submit = useSubmit(async () => {
    await api.post('/me/email', { email: f.email.trim(), password: f.password });
    return true;
  });
  async function onSubmit(e: Event) {
    e.preventDefault();
    if (await submit.run()) {
      setSent(true);
      setF({ email: '', password: '' });
    }
  }
  const err = submit.error;
  return (
    <form class="card form" onSubmit={onSubmit} aria-labelledby="s-email" noValidate>
      <h2 id="s-email">{t('settings.email')}</h2>
      <p class="muted">{t('settings.currentEmail', { email: me?.email ?? '' })}</p>
      {sent && (
        <p class="notice notice-success" role="status">
          {t('settings.emailSent')}
        </p>
      )}
      <TextField label={t('settings.newEmail')} name="email" type="email" autoComplete="email" required maxLength={LIMITS.email} value={f.email} error={err} onInput={(e) => setF({ ...f, email: e.currentTarget.value })} />
      <TextField label={t('settings.emailPassword')} name="password" type="password" autoComplete="current-password" required value={f.password} error={err} onInput={(e) => setF({ ...f, password: e.currentTarget.value })} />
      <FormError error={err} fields={['email', 'password']} />
      <div class="actions">
        <button class="btn btn-primary" disabled={submit.busy || !f.email || !f.password}>
          {t('settings.updateEmail')}
        </button>
      </div>
    </form>
  );
}

function DeleteAccount() {
  const { t } = useI18n();
  const { drop } = useSession();
  const { route } = useLocation();
  const { ask, dialog } = useConfirm();
  const [password, setPassword] = useState('');
  const submit = useSubmit(async () => {
    await api.del('/me', { password });
    return true;
  });
  async function onSubmit(e: Event) {
    e.preventDefault();
    const sure = await ask({
      title: t('settings.delete'),
      body: <p>{t('settings.deleteWarn')}</p>,
      confirmLabel: t('settings.deleteSubmit'),
      danger: true,
    });
    if (!sure) return;
    if (await submit.run()) {
      drop();
      toast(t('settings.deleted'));
      route('/');
    }
  }
  return (
    <form class="card form danger-zone" onSubmit={onSubmit} aria-labelledby="s-del" noValidate>
      <h2 id="s-del">{t('settings.delete')}</h2>
      <p>{t('settings.deleteWarn')}</p>
      <TextField label={t('settings.deletePassword')} name="password" type="password" autoComplete="current-password" required value={password} error={submit.error} onInput={(e) => setPassword(e.currentTarget.value)} />
      <FormError error={submit.error} fields={['password']} />
      <div class="actions">
        <button class="btn btn-danger" disabled={submit.busy || !password}>
          {t('settings.deleteSubmit')}
        </button>
      </div>
      {dialog}
    </form>
  );
}

export default requireAuth(Settings);
