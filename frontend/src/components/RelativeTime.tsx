import { useI18n } from '../i18n';
import { relativeTime, useNow } from '../lib/time';

/** "3 minutes ago", ticking; the exact date is in the tooltip and the machine-readable attribute. */
export function RelativeTime(props: { iso: string | null | undefined }) {
  const { locale, t, formatDate } = useI18n();
  const now = useNow();
  if (!props.iso) return <span>{t('time.never')}</span>;
  const text = relativeTime(props.iso, now, locale) ?? t('time.justNow');
  return (
    <time dateTime={props.iso} title={formatDate(props.iso, 'datetime')}>
      {text}
    </time>
  );
}
