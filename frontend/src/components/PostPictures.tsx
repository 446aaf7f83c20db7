import type { ComponentType } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { Post } from '../api';
import { useI18n } from '../i18n';
import type { ViewerProps } from './ImageViewer';
import { toast } from './toast';

/** One picture of a post, as the API sends it (components["schemas"]["Media"]). */
export type Picture = Post['media'][number];

// The viewer is its own chunk, fetched on the first open: most readers never open a picture, and
// the shell must stay small (SPEC §6). One promise for every post on the page; a failed download
// (offline) is forgotten so the next click tries again.
let viewerModule: Promise<ComponentType<ViewerProps>> | null = null;
function loadViewer(): Promise<ComponentType<ViewerProps>> {
  viewerModule ??= import('./ImageViewer').then(
    (m) => m.ImageViewer,
    (e: unknown) => {
      viewerModule = null;
      throw e;
    },
  );
  return viewerModule;
}

/**
 * A post's pictures under its body: one full width, two to four in a grid. Each is a button that
 * opens the full-size viewer; the previews carry their width and height, so the page does not
 * move while they load. Pictures posted before alt text was required get alt="" (decorative to a
 * screen reader) but stay openable, and their button is still named by its position.
 */
export function PostPictures(props: { media: readonly Picture[] }) {
  const { t } = useI18n();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const [open, setOpen] = useState<{ start: number; opener: number; Viewer: ComponentType<ViewerProps> } | null>(null);
  const media = props.media;
  const count = media.length;
  if (count === 0) return null;

  async function show(index: number) {
    try {
      const Viewer = await loadViewer();
      setOpen({ start: index, opener: index, Viewer });
    } catch {
      toast(t('postPictures.viewerFailed'), 'error');
    }
  }

  function close() {
    const opener = open?.opener ?? 0;
    setOpen(null);
    // Focus goes back to the picture that opened the viewer, without scrolling the page to it.
    buttons.current[opener]?.focus({ preventScroll: true });
  }

  return (
    <div class={`post-pictures post-pictures-${Math.min(count, 4)}`}>
      {media.map((m, i) => {
        const alt = m.alt?.trim() ?? '';
        const place = { n: i + 1, count };
        return (
          <button
            key={m.id ?? i}
            ref={(el) => {
              buttons.current[i] = el;
            }}
            type="button"
            class="post-picture"
            aria-label={alt ? t('postPictures.open', { ...place, alt }) : t('postPictures.openNoAlt', place)}
            onClick={() => void show(i)}
          >
            <img
              src={m.preview_url}
              alt={alt}
              width={m.width}
              height={m.height}
              loading="lazy"
              decoding="async"
            />
          </button>
        );
      })}
      {open && <open.Viewer media={media} start={open.start} onClose={close} />}
    </div>
  );
}
