import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n';
import { applyEdit, formatEdit, type FormatKind, type FormatPlaceholders } from '../lib/markdownFormat';
import { Icon } from './Icon';

/** The textarea a toolbar edits (a `useRef` of it). */
export interface TextareaRef {
  readonly current: HTMLTextAreaElement | null;
}

const BUTTONS: { kind: FormatKind; shortcut?: string }[] = [
  { kind: 'bold', shortcut: 'B' },
  { kind: 'italic', shortcut: 'I' },
  { kind: 'link', shortcut: 'K' },
  { kind: 'code' },
];

/** The keyboard shortcut of a toolbar action (Ctrl/Cmd + letter), or null. */
export function shortcutFormat(e: KeyboardEvent): FormatKind | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return null;
  const key = e.key.toUpperCase();
  return BUTTONS.find((b) => b.shortcut === key)?.kind ?? null;
}

/** Formats the selection of `target` (or inserts a selected placeholder), keeping focus in it. */
export function useFormatter(target: TextareaRef) {
  const { t } = useI18n();
  return (kind: FormatKind) => {
    const el = target.current;
    if (!el) return;
    const placeholders: FormatPlaceholders = {
      bold: t('composer.boldText'),
      italic: t('composer.italicText'),
      link: t('composer.linkText'),
      code: t('composer.codeText'),
    };
    applyEdit(el, formatEdit(el.value, el.selectionStart, el.selectionEnd, kind, placeholders));
  };
}

/**
 * Bold, italic, link and code buttons above a Markdown textarea. `children` go at the end: the slot
 * for the image button of issue [5/8].
 */
export function MarkdownToolbar(props: { target: TextareaRef; children?: ComponentChildren }) {
  const { t } = useI18n();
  const format = useFormatter(props.target);
  return (
    <div class="md-toolbar" role="group" aria-label={t('composer.toolbar')}>
      {BUTTONS.map(({ kind, shortcut }) => (
        <button
          key={kind}
          type="button"
          class="md-tool"
          aria-label={t(`composer.${kind}`)}
          title={shortcut ? `${t(`composer.${kind}`)} (Ctrl+${shortcut})` : t(`composer.${kind}`)}
          aria-keyshortcuts={shortcut ? `Control+${shortcut} Meta+${shortcut}` : undefined}
          // A mouse press would move focus (and the selection's highlight) out of the text.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => format(kind)}
        >
          <Icon name={kind} size={18} />
        </button>
      ))}
      {props.children}
    </div>
  );
}
