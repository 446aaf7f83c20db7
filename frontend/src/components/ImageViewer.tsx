import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { Icon } from './Icon';
import type { Picture } from './PostPictures';

export interface ViewerProps {
  media: readonly Picture[];
  /** The index of the picture to show first. */
  start: number;
  /** Runs once when the viewer closes (Esc, the close button, a click on the backdrop). */
  onClose: () => void;
}

/**
 * A post's pictures at full size, one at a time, in a modal <dialog> opened with showModal: the
 * browser traps focus inside and makes the page behind inert. Focus starts on Close. Keys: Esc
 * closes, ArrowLeft/ArrowRight move, Home/End jump to the first/last. Moving past either end wraps
 * around, so Previous and Next are never disabled (a disabled button would drop the focus it has).
 * The caller puts focus back on the picture that opened it.
 *
 * Loaded on demand by PostPictures (a chunk of its own).
 */
export function ImageViewer(props: ViewerProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const closed = useRef(false);
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;
  const count = props.media.length;
  const [index, setIndex] = useState(() => Math.min(Math.max(props.start, 0), count - 1));

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal?.();
    // preventScroll: focusing inside the dialog must not move the page behind it.
    closeButton.current?.focus({ preventScroll: true });
    return () => {
      if (dialog.open) dialog.close();
    };
  }, []);

  function close() {
    if (closed.current) return;
    closed.current = true;
    ref.current?.close();
    onClose.current();
  }

  const go = (to: number) => setIndex(((to % count) + count) % count);

  function onKeyDown(e: KeyboardEvent) {
    const moves: Record<string, () => void> = {
      ArrowLeft: () => go(index - 1),
      ArrowRight: () => go(index + 1),
      Home: () => go(0),
      End: () => go(count - 1),
      Escape: close,
    };
    const move = moves[e.key];
    if (!move || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    move();
  }

  const picture = props.media[index];
  const alt = picture.alt?.trim() ?? '';
  const several = count > 1;
  return (
    <dialog
      ref={ref}
      class="viewer"
      aria-label={t('viewer.label')}
      onKeyDown={onKeyDown}
      // Esc (and any other way the browser closes it) goes through close(), exactly once.
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
      onClose={close}
      // The dialog covers the screen (dark, its own backdrop): a click anywhere on it but
      // the picture, its caption or a button closes, as a click on a backdrop would.
      onClick={(e) => {
        if (!(e.target as Element).closest('img, figcaption, button')) close();
      }}
    >
      <div class="viewer-bar">
        <p class="viewer-count" aria-live="polite">
          <span aria-hidden="true">{t('viewer.count', { n: index + 1, count })}</span>
          <span class="sr-only">{t('viewer.countLong', { n: index + 1, count })}</span>
        </p>
        <button ref={closeButton} type="button" class="viewer-button" aria-label={t('app.close')} title={t('app.close')} onClick={close}>
          <Icon name="close" size={22} />
        </button>
      </div>
      <figure class="viewer-figure">
        <img
          key={picture.url}
          class="viewer-image"
          src={picture.url}
          alt={alt}
          width={picture.width}
          height={picture.height}
          decoding="async"
        />
        {/* The same words as the alt text, shown for sighted readers; not read out twice. */}
        {alt && (
          <figcaption class="viewer-caption" aria-hidden="true">
            {alt}
          </figcaption>
        )}
      </figure>
      {several && (
        <div class="viewer-nav">
          <button type="button" class="viewer-button" aria-label={t('viewer.previous')} title={t('viewer.previous')} onClick={() => go(index - 1)}>
            <Icon name="chevronLeft" size={24} />
          </button>
          <button type="button" class="viewer-button" aria-label={t('viewer.next')} title={t('viewer.next')} onClick={() => go(index + 1)}>
            <Icon name="chevronRight" size={24} />
          </button>
        </div>
      )}
    </dialog>
  );
}
