import { useLayoutEffect } from 'preact/hooks';

/**
 * Grows a textarea with its content (its `rows` is the least height); the stylesheet's max-height
 * caps it, past which it scrolls. Measured again whenever `value` changes or it is shown again.
 */
export function useAutoGrow(ref: { readonly current: HTMLTextAreaElement | null }, value: string, shown = true) {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || !shown) return;
    el.style.height = 'auto';
    // scrollHeight leaves out the borders; a border-box height must include them.
    const borders = el.offsetHeight - el.clientHeight;
    el.style.height = `${el.scrollHeight + borders}px`;
  }, [ref, value, shown]);
}
