import { PageHeading } from '../components/PageHeading';
import { useI18n } from '../i18n';

export default function NotFound() {
  const { t } = useI18n();
  return (
    <section class="center-page">
      <p class="big-404" aria-hidden="true">
        404
      </p>
      <PageHeading title={t('notFound.title')} />
      <p>{t('notFound.body')}</p>
      <p>
        <a class="btn btn-primary" href="/">
          {t('notFound.home')}
        </a>
      </p>
    </section>
  );
}
