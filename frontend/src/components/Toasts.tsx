import { useEffect, useState } from 'preact/hooks';
import { dismiss, subscribeToasts, type ToastItem } from './toast';
import { useI18n } from '../i18n';

/** The app's single live region: screen readers hear toasts as they appear. */
export function Toasts() {
  const { t } = useI18n();
  const [items, setItems] = useState<ToastItem[]>([]);
  useEffect(() => subscribeToasts(setItems), []);
  return (
    <div class="toasts" role="status" aria-live="polite" aria-relevant="additions">
      {items.map((item) => (
        <div key={item.id} class={`toast toast-${item.kind}`}>
          {item.href ? (
            <a href={item.href} onClick={() => dismiss(item.id)}>
              {item.text}
            </a>
          ) : (
            <span>{item.text}</span>
          )}
          <button type="button" class="toast-close" aria-label={t('app.dismiss')} onClick={() => dismiss(item.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
