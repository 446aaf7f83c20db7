import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n';

export interface ConfirmOptions {
  title: string;
  /** What will happen, in a sentence or two. */
  body?: ComponentChildren;
  /** The confirming button's text ("Delete"); Cancel is always offered. */
  confirmLabel: string;
  danger?: boolean;
}

/**
 * Our own "are you sure?", never window.confirm: a modal <dialog> opened with showModal, so the
 * browser traps focus, makes the page behind it inert and gives focus back to whatever had it
 * when the dialog closes. Cancel is focused first (a stray Enter must not destroy anything) and
 * Esc cancels. Render it while `open`; it answers through onClose(true | false) exactly once.
 */
export function ConfirmDialog(props: ConfirmOptions & { open: boolean; onClose: (confirmed: boolean) => void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const answered = useRef(false);
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !props.open) return;
    answered.current = false;
    if (!dialog.open) dialog.showModal?.();
    cancel.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
    };
  }, [props.open]);

  function answer(confirmed: boolean) {
    if (answered.current) return;
    answered.current = true;
    ref.current?.close();
    onClose.current(confirmed);
  }

  if (!props.open) return null;
  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby={titleId}
      aria-describedby={props.body ? bodyId : undefined}
      // Esc (and any other way the browser closes it) is a Cancel.
      onCancel={(e) => {
        e.preventDefault();
        answer(false);
      }}
      onClose={() => answer(false)}
    >
      <h2 id={titleId} class="dialog-title">
        {props.title}
      </h2>
      {props.body && (
        <div id={bodyId} class="dialog-body">
          {props.body}
        </div>
      )}
      <div class="dialog-actions">
        <button ref={cancel} type="button" class="btn" onClick={() => answer(false)}>
          {t('app.cancel')}
        </button>
        <button
          type="button"
          class={`btn ${props.danger ? 'btn-danger-solid' : 'btn-primary'}`}
          onClick={() => answer(true)}
        >
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

/**
 * `ask(options)` opens a ConfirmDialog and resolves to the answer, for handlers that read as
 * `if (!(await ask({...}))) return;`. Render `dialog` somewhere in the component.
 */
export function useConfirm() {
  const [pending, setPending] = useState<{ options: ConfirmOptions; resolve: (ok: boolean) => void } | null>(null);
  const ask = (options: ConfirmOptions) =>
    new Promise<boolean>((resolve) => {
      setPending({ options, resolve });
    });
  const dialog = pending && (
    <ConfirmDialog
      {...pending.options}
      open
      onClose={(ok) => {
        setPending(null);
        pending.resolve(ok);
      }}
    />
  );
  return { ask, dialog };
}
