import type { ComponentChildren } from 'preact';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n';

/**
 * Long content folded after about twelve lines (the fold's height is CSS: .folded), with a
 * "Read more" / "Show less" button. The button exists only when the content really is taller
 * than the fold: measured, not guessed from the text's length (a table, a picture or a narrow
 * phone change the height), and measured again when the width changes or a picture loads.
 */
export function Folded(props: { children: ComponentChildren; class?: string }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  const [open, setOpen] = useState(false);
  const id = useId();

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    // While unfolded the box has no max-height: compare with the fold's height from CSS instead.
    const measure = () => {
      // --fold-height is in em (unitless in the stylesheet so that it can be read here).
      const style = getComputedStyle(el);
      const limit = parseFloat(style.getPropertyValue('--fold-height')) || 18;
      const fold = open ? limit * (parseFloat(style.fontSize) || 16) : el.clientHeight;
      setOverflows(el.scrollHeight > fold + 1);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    for (const child of el.children) observer.observe(child);
    return () => observer.disconnect();
  }, [open]);

  // Folding again must not leave the reader far below the post they were reading.
  const collapsedAt = useRef(false);
  useEffect(() => {
    if (!collapsedAt.current) return;
    collapsedAt.current = false;
    const el = box.current;
    if (el && el.getBoundingClientRect().top < 0) el.scrollIntoView?.({ block: 'start' });
  }, [open]);

  return (
    <>
      <div ref={box} id={id} class={`${props.class ?? ''} ${!open ? 'folded' : ''} ${!open && overflows ? 'folded-cut' : ''}`}>
        {props.children}
      </div>
      {overflows && (
        <button
          type="button"
          class="fold-toggle"
          aria-expanded={open}
          aria-controls={id}
          onClick={() => {
            collapsedAt.current = open;
            setOpen(!open);
          }}
        >
          {open ? t('post.showLess') : t('post.readMore')}
        </button>
      )}
    </>
  );
}
