import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, type ComponentProps } from 'preact';
import { act } from 'preact/test-utils';
import { MarkdownForm } from '../src/components/MarkdownForm';
import { LIMITS } from '../src/lib/limits';
import { SessionProvider } from '../src/session';
import { fakeFetch, json, tokenBody } from './helpers';

type Props = ComponentProps<typeof MarkdownForm<string>>;

let root: HTMLElement;

beforeEach(() => {
  // The form keeps drafts per logged-in user (a session restored from the refresh cookie); the
  // preview asks the server to render: answer both so no request fails.
  vi.stubGlobal(
    'fetch',
    fakeFetch((c) => (c.url === '/api/tokens' ? json(200, tokenBody('T')) : json(200, { html: '<p>preview</p>' }))).fetch,
  );
  localStorage.clear();
  root = document.createElement('div');
  document.body.appendChild(root);
});

afterEach(async () => {
  await act(() => render(null, root));
  root.remove();
  vi.unstubAllGlobals();
});

async function mount(props: Partial<Props> & Pick<Props, 'kind'>) {
  const all: Props = {
    label: 'Text',
    submitLabel: 'Send',
    sentMessage: 'Sent',
    send: async (body) => `sent:${body}`,
    onSent: () => {},
    ...props,
  };
  await act(async () => {
    render(
      <SessionProvider>
        <MarkdownForm {...all} />
      </SessionProvider>,
      root,
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
  return {
    textarea: root.querySelector('textarea')!,
    submit: root.querySelector<HTMLButtonElement>('button.btn-primary')!,
    form: root.querySelector('form')!,
  };
}

/** Submits, and lets the send settle and the form re-render. */
async function submitForm(form: HTMLFormElement) {
  await act(async () => {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

async function type(textarea: HTMLTextAreaElement, text: string) {
  await act(() => {
    textarea.value = text;
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('MarkdownForm', () => {
  it('refuses a post over the API limit, when editing too', async () => {
    const { textarea, submit } = await mount({ kind: 'post', initialBody: 'x'.repeat(LIMITS.postBody + 1) });
    expect(submit.disabled).toBe(true);
    expect(textarea.getAttribute('aria-invalid')).toBe('true');
    await type(textarea, 'x'.repeat(LIMITS.postBody));
    expect(submit.disabled).toBe(false);
  });

  it('holds a comment to the comment limit', async () => {
    const { textarea, submit } = await mount({ kind: 'comment' });
    await type(textarea, 'x'.repeat(LIMITS.commentBody + 1));
    expect(submit.disabled).toBe(true);
    await type(textarea, '   ');
    expect(submit.disabled).toBe(true);
    await type(textarea, 'x'.repeat(LIMITS.commentBody));
    expect(submit.disabled).toBe(false);
  });

  it('sends the text, hands on the result, and empties itself for the next one', async () => {
    const send = vi.fn(async (body: string) => `sent:${body}`);
    const onSent = vi.fn();
    const { textarea, form } = await mount({ kind: 'comment', send, onSent });
    await type(textarea, 'Nice post');
    await submitForm(form);
    expect(send).toHaveBeenCalledWith('Nice post');
    expect(onSent).toHaveBeenCalledWith('sent:Nice post');
    expect(textarea.value).toBe('');
  });

  it('keeps the text it edits after sending it', async () => {
    const onSent = vi.fn();
    const { textarea, form } = await mount({ kind: 'post', initialBody: 'Old', onSent, onCancel: () => {} });
    await type(textarea, 'New');
    await submitForm(form);
    expect(onSent).toHaveBeenCalledWith('sent:New');
    expect(textarea.value).toBe('New');
    expect(root.querySelectorAll('.actions button')).toHaveLength(2); // Save and Cancel
  });
});
