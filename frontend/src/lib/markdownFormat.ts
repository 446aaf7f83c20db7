// The composer toolbar's edits (bold, italic, link, code) as pure functions of the text and the
// selection, plus the one place that applies an edit to a textarea.

export type FormatKind = 'bold' | 'italic' | 'link' | 'code';

/** Text inserted when nothing is selected (translated by the caller), then selected for typing over. */
export interface FormatPlaceholders {
  bold: string;
  italic: string;
  link: string;
  code: string;
}

/** Replace [start, end) with `text`, then select [selectStart, selectEnd) (offsets in the new value). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
  selectStart: number;
  selectEnd: number;
}

// `_` rather than `*` for italic, so that italic never reads (or unwraps) one star of a `**bold**`.
const MARKERS = { bold: '**', italic: '_', code: '`' } as const;
const URL_ONLY = /^https?:\/\/\S+$/;
const URL_PLACEHOLDER = 'https://';

export function formatEdit(
  value: string,
  selStart: number,
  selEnd: number,
  kind: FormatKind,
  placeholders: FormatPlaceholders,
): TextEdit {
  let start = Math.min(selStart, selEnd);
  let end = Math.max(selStart, selEnd);
  // A double-clicked word often brings its space along: format the word, leave the space outside.
  while (start < end && /\s/.test(value[start])) start++;
  while (end > start && /\s/.test(value[end - 1])) end--;
  const selected = value.slice(start, end);

  if (kind === 'link') {
    if (URL_ONLY.test(selected)) {
      const text = `[${placeholders.link}](${selected})`;
      return { start, end, text, selectStart: start + 1, selectEnd: start + 1 + placeholders.link.length };
    }
    const label = selected || placeholders.link;
    const text = `[${label}](${URL_PLACEHOLDER})`;
    // With a label, the address is what is left to type; without, the label comes first.
    const at = selected ? start + label.length + 3 : start + 1;
    const length = selected ? URL_PLACEHOLDER.length : label.length;
    return { start, end, text, selectStart: at, selectEnd: at + length };
  }

  if (kind === 'code' && selected.includes('\n')) {
    const before = start === 0 || value[start - 1] === '\n' ? '' : '\n';
    const after = end === value.length || value[end] === '\n' ? '' : '\n';
    const text = `${before}\`\`\`\n${selected}\n\`\`\`${after}`;
    const inner = start + before.length + 4;
    return { start, end, text, selectStart: inner, selectEnd: inner + selected.length };
  }

  const marker = MARKERS[kind];
  const m = marker.length;
  // Already wrapped: the same button takes the formatting off again.
  if (selected && value.slice(start - m, start) === marker && value.slice(end, end + m) === marker) {
    return { start: start - m, end: end + m, text: selected, selectStart: start - m, selectEnd: end - m };
  }
  const inner = selected || placeholders[kind];
  return {
    start,
    end,
    text: `${marker}${inner}${marker}`,
    selectStart: start + m,
    selectEnd: start + m + inner.length,
  };
}

/**
 * Applies an edit as if typed, so the browser's own undo (Ctrl+Z) takes it back: execCommand's
 * insertText is the one way to keep a textarea's native undo stack. Where it is missing (or refuses)
 * setRangeText does the edit and an input event tells the form, without undo.
 */
export function applyEdit(el: HTMLTextAreaElement, edit: TextEdit) {
  const expected = el.value.slice(0, edit.start) + edit.text + el.value.slice(edit.end);
  el.focus();
  el.setSelectionRange(edit.start, edit.end);
  let done: boolean;
  try {
    done = typeof document.execCommand === 'function' && document.execCommand('insertText', false, edit.text);
  } catch {
    done = false; // deprecated API: some engines throw rather than return false
  }
  if (!done || el.value !== expected) {
    el.value = expected;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }
  el.setSelectionRange(edit.selectStart, edit.selectEnd);
}
