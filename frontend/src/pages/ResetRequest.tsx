import { useState } from 'preact/hooks';
import { api } from '../api';
import { FormError, TextField } from '../components/Field';
import { PageHeading } from '../components/PageHeading';
import { useI18n } from '../i18n';
import { useSubmit } from '../lib/hooks';

export default function ResetRequest() {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const submit = useSubmit(async () => {
    await api.post('/auth/reset-request', { email: email.trim() });
    return true;
  });

  async function onSubmit(e: Event) {
    e.preventDefault();
    // The API answers 202 whether or not the address exists; so does this page.
    if (await submit.run()) setSent(true);
  }

  return (
    <section class="narrow">
      <PageHeading title={t('auth.reset.title')} />
      {sent ? (
        <p class="notice notice-success" role="status">
          {t('auth.reset.sent')}
        </p>
      ) : (
        <form class="card form" onSubmit={onSubmit} noValidate>
          <TextField
            label={t('auth.reset.email')}
            name="email"
            type="email"
            autoComplete="email"
            required
            value={email}
            error={submit.error}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
          <FormError error={submit.error} fields={['email']} />
          <div class="actions">
            <button class="btn btn-primary" disabled={submit.busy || !email.trim()}>
              {t('auth.reset.submit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
