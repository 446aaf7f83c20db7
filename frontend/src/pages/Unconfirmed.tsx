import { useState } from 'preact/hooks';
import { api } from '../api';
import { FormError } from '../components/Field';
import { PageHeading } from '../components/PageHeading';
import { requireAuth } from '../components/RequireAuth';
import { useI18n } from '../i18n';
import { useSubmit } from '../lib/hooks';
import { useSession } from '../session';

function Unconfirmed() {
  const { t } = useI18n();
  const { me } = useSession();
  const [sent, setSent] = useState(false);
  const submit = useSubmit(async () => {
    await api.post('/auth/confirm/resend');
    return true;
  });

  if (me?.confirmed) {
    return (
      <section class="narrow">
        <PageHeading title={t('auth.unconfirmed.title')} />
        <p class="notice notice-success">
          {t('auth.unconfirmed.already')} <a href="/">{t('nav.home')}</a>
        </p>
      </section>
    );
  }

  return (
    <section class="narrow">
      <PageHeading title={t('auth.unconfirmed.title')} />
      <div class="card">
        <p>{t('auth.unconfirmed.body')}</p>
        <p class="muted">{me?.email}</p>
        {sent && (
          <p class="notice notice-success" role="status">
            {t('auth.unconfirmed.sent')}
          </p>
        )}
        <FormError error={submit.error} />
        <button
          type="button"
          class="btn btn-primary"
          disabled={submit.busy}
          onClick={async () => {
            if (await submit.run()) setSent(true);
          }}
        >
          {t('auth.unconfirmed.resend')}
        </button>
      </div>
    </section>
  );
}

export default requireAuth(Unconfirmed);
