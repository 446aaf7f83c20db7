import { useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { ACCEPTED_TYPES, ALT_MAX, MAX_ATTACHMENTS, missingAlt, type Attachment, type Attachments } from '../lib/attachments';
import { Icon } from './Icon';

/**
 * The media picker of a post's form (SPEC §9): the "Add pictures" toolbar button, drag-and-drop and
 * paste (`usePictureDrop`), and the list of attached pictures with their progress, alt text and Remove.
 * The state and the network are lib/attachments.ts; this is only what the user sees and touches.
 */

/** The id of a picture's alt-text field, so the form can move focus to the first one missing. */
export function altFieldId(prefix: string, key: string): string {
  return `${prefix}-alt-${key}`;
}

export function removeButtonId(prefix: string, key: string): string {
  return `${prefix}-remove-${key}`;
}

/** The image files among `files` (a paste of text from some apps carries no file at all). */
function filesOf(list: FileList | null | undefined): File[] {
  return list ? [...list] : [];
}

/** The toolbar button: opens the file chooser (several at once). */
export function AttachButton(props: { attachments: Attachments; id: string }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        id={props.id}
        class="md-tool"
        aria-label={t('pictures.add')}
        title={t('pictures.add')}
        onClick={() => input.current?.click()}
      >
        <Icon name="image" size={18} />
      </button>
      <input
        ref={input}
        type="file"
        accept={ACCEPTED_TYPES}
        multiple
        hidden
        // The button names it; the input itself is never focused.
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => {
          const el = e.currentTarget;
          props.attachments.add(filesOf(el.files));
          el.value = ''; // choosing the same file again is a new choice
        }}
      />
    </>
  );
}

/** Drop handlers for the whole form, and the paste handler for its textarea. */
export function usePictureDrop(attachments: Attachments) {
  const [dropping, setDropping] = useState(false);
  const carriesFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
  return {
    dropping,
    onDragOver(e: DragEvent) {
      if (!carriesFiles(e)) return;
      e.preventDefault(); // without it the browser opens the file instead
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      setDropping(true);
    },
    onDragLeave(e: DragEvent) {
      // Leaving for a child of the form is no leaving.
      const to = e.relatedTarget as Node | null;
      if (!to || !(e.currentTarget as Node).contains(to)) setDropping(false);
    },
    onDrop(e: DragEvent) {
      setDropping(false);
      const files = filesOf(e.dataTransfer?.files);
      if (files.length === 0) return;
      e.preventDefault();
      attachments.add(files);
    },
    onPaste(e: ClipboardEvent) {
      const files = filesOf(e.clipboardData?.files).filter((f) => f.type.startsWith('image/') || f.type === '');
      if (files.length === 0) return; // plain text: the textarea pastes it
      e.preventDefault();
      attachments.add(files);
    },
  };
}

/**
 * The attached pictures, in the order they will show. `showMissing` marks the empty alt fields once
 * the user has tried to post.
 */
export function AttachmentList(props: { attachments: Attachments; idPrefix: string; addButtonId: string; showMissing: boolean }) {
  const { t, tn } = useI18n();
  const { items, leftOut } = props.attachments;

  function remove(index: number) {
    const a = items[index];
    // Focus goes where the removed picture's button was: the next picture's, the previous one's, or Add.
    const neighbour = items[index + 1] ?? items[index - 1];
    props.attachments.remove(a.key);
    const target = neighbour ? removeButtonId(props.idPrefix, neighbour.key) : props.addButtonId;
    requestAnimationFrame(() => document.getElementById(target)?.focus());
  }

  return (
    <div class="attachments">
      {items.length > 0 && (
        <ul class="attachment-list" aria-label={t('pictures.list')}>
          {items.map((a, i) => (
            <AttachmentItem
              key={a.key}
              item={a}
              n={i + 1}
              idPrefix={props.idPrefix}
              showMissing={props.showMissing}
              onAlt={(alt) => props.attachments.setAlt(a.key, alt)}
              onAltDone={() => props.attachments.saveAlt(a.key)}
              onRemove={() => remove(i)}
            />
          ))}
        </ul>
      )}
      <p class="attachment-notice muted" role="status">
        {leftOut > 0 ? tn('pictures.leftOut', leftOut, { max: MAX_ATTACHMENTS }) : ''}
      </p>
    </div>
  );
}

function AttachmentItem(props: {
  item: Attachment;
  n: number;
  idPrefix: string;
  showMissing: boolean;
  onAlt: (alt: string) => void;
  onAltDone: () => void;
  onRemove: () => void;
}) {
  const { t } = useI18n();
  const { item: a, n } = props;
  const altId = altFieldId(props.idPrefix, a.key);
  const hintId = `${altId}-hint`;
  const errorId = `${altId}-error`;
  const missing = props.showMissing && a.status !== 'failed' && missingAlt(a);
  const problem = a.error ?? (missing ? t('pictures.altMissing') : null);
  return (
    <li class={`attachment attachment-${a.status}`}>
      <div class="attachment-thumb">
        {a.media ? (
          // Decorative here: the field beside it is its description.
          <img src={a.media.preview_url} alt="" width={a.media.width} height={a.media.height} />
        ) : (
          <Icon name="image" size={28} />
        )}
      </div>
      <div class="attachment-body">
        {a.status === 'uploading' && (
          <progress class="attachment-progress" max={1} value={a.progress} aria-label={t('pictures.uploading', { n, name: a.name })} />
        )}
        {a.status === 'failed' ? (
          <p class="attachment-name">{a.name}</p>
        ) : (
          <>
            <label for={altId}>{t('pictures.altLabel', { n })}</label>
            <textarea
              id={altId}
              class="attachment-alt"
              rows={2}
              maxLength={ALT_MAX}
              value={a.alt}
              aria-required="true"
              aria-invalid={missing || (a.error && a.status === 'ready') ? true : undefined}
              aria-describedby={`${hintId}${problem ? ` ${errorId}` : ''}`}
              onInput={(e) => props.onAlt(e.currentTarget.value)}
              onBlur={props.onAltDone}
            />
            <small id={hintId} class="muted">
              {t('pictures.altHint')}
            </small>
          </>
        )}
        {problem && (
          <small id={errorId} class="field-error" role={a.error ? 'alert' : undefined}>
            {problem}
          </small>
        )}
      </div>
      <button
        type="button"
        id={removeButtonId(props.idPrefix, a.key)}
        class="btn attachment-remove"
        aria-label={t('pictures.remove', { n })}
        onClick={props.onRemove}
      >
        <Icon name="trash" size={16} />
        <span aria-hidden="true">{t('pictures.removeText')}</span>
      </button>
    </li>
  );
}
