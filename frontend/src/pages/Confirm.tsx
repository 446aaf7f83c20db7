import { useState } from 'preact/hooks';
import { api } from '../api';
import { FormError, TextField } from '../components/Field';
import { TokenAction } from '../components/TokenAction';
import { useI18n } from '../i18n';
import { useSubmit } from '../lib/hooks';
import { LIMITS } from '../lib/limits';
import { useSession } from '../session';

export default function Confirm(props: { params: { token: string } }) {
  return (
    <TokenAction
      token={props.params.token}
      endpoint="/auth/confirm"
      keys={{
        title: 'auth.confirm.title',
        working: 'auth.confirm.working',
        done: 'auth.confirm.done',
        invalid: 'auth.confirm.invalid',
      }}
      whenInvalid={<NewLink />}
    />
  );
}

/**
 * An expired link must not be a dead end. Logged in, the account is known: its resend button is on
 * /unconfirmed. Logged out, an email address stands in for it (the API answers the same whether or
 * not it has an account, so the page says "if").
 */
function NewLink() {
  const { t } = useI18n();
  const { me } = useSession();
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const submit = useSubmit(async () => {
    await api.post('/auth/confirm-request', { email: email.trim() });
    return true;
  });

  if (me) {
    return me.confirmed ? null : (
      <p>
        <a href="/unconfirmed">{t('auth.unconfirmed.resend')}</a>
      </p>
    );
  }
  if (sentTo) {
    return (
      <p class="notice notice-success" role="status">
        {t('auth.confirm.newSent', { email: sentTo })}
      </p>
    );
  }

  async function onSubmit(e: Event) {
    e.preventDefault();
    if (await submit.run()) setSentTo(email.trim());
  }

  return (
    <form class="card form" onSubmit={onSubmit} aria-labelledby="confirm-new-link" noValidate>
      <h2 id="confirm-new-link">{t('auth.confirm.newLinkTitle')}</h2>
      <p>{t('auth.confirm.expiredHelp')}</p>
      <TextField
        label={t('auth.confirm.email')}
        name="email"
        type="email"
        autoComplete="email"
        required
        maxLength={LIMITS.email}
        value={email}
        error={submit.error}
        onInput={(e) => {
          setEmail(e.currentTarget.value);
          if (submit.error) submit.setError(submit.error.withoutField('email'));
        }}
      />
      <FormError error={submit.error} fields={['email']} />
      <div class="actions">
        <button class="btn btn-primary" disabled={submit.busy || !email.trim()}>
          {t('auth.confirm.sendNew')}
        </button>
      </div>
    </form>
  );
}
