// The avatar (issue [5/8], SPEC §9): Settings' card uploads (PUT /api/me/avatar, multipart) and
// removes (DELETE, after our confirm dialog); the session's `me` follows, so every Avatar of the
// user (the header's) changes at once. Avatar shows an uploaded picture as it is.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { Avatar } from '../src/components/Avatar';
import { AvatarSettings, hasUploadedAvatar } from '../src/components/AvatarSettings';
import { SessionProvider, useSession } from '../src/session';
import { json, me, tokenBody } from './helpers';

const IDENTICON = '/api/users/1/avatar.svg?size=128&v=abcd1234';
const UPLOADED = '/media/ab/abcdef.webp';

interface Sent {
  method: string;
  url: string;
  auth: string | null;
  language: string | null;
  body: BodyInit | null | undefined;
}

let root: HTMLElement;
let sent: Sent[];
let current: string;
let answerPut: () => Response;

beforeEach(() => {
  sent = [];
  current = IDENTICON;
  answerPut = () => json(200, { ...me, avatar_url: UPLOADED });
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const call = {
      method: init?.method ?? 'GET',
      url: String(input),
      auth: headers.Authorization ?? null,
      language: headers['Accept-Language'] ?? null,
      body: init?.body,
    };
    sent.push(call);
    if (call.url === '/api/tokens') return json(200, { ...tokenBody('T'), user: { ...me, avatar_url: current } });
    if (call.url === '/api/me/avatar' && call.method === 'PUT') return answerPut();
    if (call.url === '/api/me/avatar' && call.method === 'DELETE') return new Response(null, { status: 204 });
    if (call.url === '/api/me') return json(200, { ...me, avatar_url: IDENTICON });
    return json(404, { error: 'Not Found', message: 'Not Found' });
  });
  vi.stubGlobal('fetch', fetch);
  // Uploads go by XMLHttpRequest (for progress): answer them from the same table.
  class FakeXHR {
    method = 'GET';
    url = '';
    headers: Record<string, string> = {};
    status = 0;
    statusText = '';
    responseText = '';
    upload: { onprogress?: (e: ProgressEvent) => void } = {};
    onload?: () => void;
    onloadend?: () => void;
    onerror?: () => void;
    onabort?: () => void;
    private answer: Headers = new Headers();
    open(method: string, url: string) {
      this.method = method;
      this.url = url;
    }
    setRequestHeader(name: string, value: string) {
      this.headers[name] = value;
    }
    getResponseHeader(name: string) {
      return this.answer.get(name);
    }
    abort() {}
    send(body: FormData) {
      void fetch(this.url, { method: this.method, headers: this.headers, body }).then(async (res) => {
        this.status = res.status;
        this.statusText = res.statusText;
        this.answer = res.headers;
        this.responseText = await res.text();
        this.onload?.();
        this.onloadend?.();
      });
    }
  }
  vi.stubGlobal('XMLHttpRequest', FakeXHR);
  root = document.createElement('div');
  document.body.appendChild(root);
});

afterEach(async () => {
  await act(() => render(null, root));
  root.remove();
  vi.unstubAllGlobals();
});

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function until(condition: () => boolean) {
  for (let i = 0; i < 200 && !condition(); i++) await act(settle);
  expect(condition()).toBe(true);
}

/** The header's avatar, as the account menu draws it from the session. */
function HeaderAvatar() {
  const { me: user } = useSession();
  return <div class="header">{user && <Avatar user={user} size={32} />}</div>;
}

async function mount() {
  await act(async () => {
    render(
      <SessionProvider>
        <HeaderAvatar />
        <AvatarSettings />
      </SessionProvider>,
      root,
    );
    await settle();
  });
  await until(() => root.querySelector('.avatar-settings') !== null);
}

const headerSrc = () => root.querySelector('.header img')!.getAttribute('src');
const fileInput = () => root.querySelector<HTMLInputElement>('input[type="file"]')!;
const button = (name: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === name) ?? null;

async function choose(file: File) {
  const input = fileInput();
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
  });
}

const png = () => new File([new Uint8Array([137, 80, 78, 71])], 'me.png', { type: 'image/png' });

describe('the avatar card in Settings', () => {
  it('labels its file input, which accepts pictures only', async () => {
    await mount();
    const input = fileInput();
    expect(root.querySelector(`label[for="${input.id}"]`)!.textContent).toBe('Upload a picture');
    expect(input.accept).toBe('image/jpeg,image/png,image/webp,image/gif');
    expect(button('Remove')).toBeNull(); // an identicon has nothing to remove
  });

  it('uploads the chosen file with PUT /api/me/avatar and the header avatar changes at once', async () => {
    await mount();
    expect(headerSrc()).toContain('/avatar.svg');
    await choose(png());
    await until(() => headerSrc() === UPLOADED);
    const put = sent.find((c) => c.url === '/api/me/avatar')!;
    expect(put.method).toBe('PUT');
    expect(put.auth).toBe('Bearer T');
    expect(put.body).toBeInstanceOf(FormData);
    expect(((put.body as FormData).get('file') as File).name).toBe('me.png');
    expect(button('Remove')).not.toBeNull();
  });

  it("shows the server's (translated) error on the field", async () => {
    answerPut = () =>
      json(415, {
        error: 'Unsupported Media Type',
        message: 'Unsupported Media Type',
        errors: { file: ['Este archivo no es una imagen JPEG, PNG, WebP o GIF.'] },
      });
    await mount();
    await choose(png());
    await until(() => root.querySelector('.field-error') !== null);
    const error = root.querySelector('.field-error')!;
    expect(error.textContent).toBe('Este archivo no es una imagen JPEG, PNG, WebP o GIF.');
    expect(fileInput().getAttribute('aria-invalid')).toBe('true');
    expect(fileInput().getAttribute('aria-describedby')).toContain(error.id);
    expect(headerSrc()).toContain('/avatar.svg');
  });

  it('words an error page without a message itself (nginx refusing a large file)', async () => {
    answerPut = () => new Response('<html>413</html>', { status: 413, headers: { 'Content-Type': 'text/html' } });
    await mount();
    await choose(png());
    await until(() => root.querySelector('.field-error') !== null);
    expect(root.querySelector('.field-error')!.textContent).toBe('That is too large to send.');
  });

  it('asks before removing, then DELETEs and the identicon comes back', async () => {
    current = UPLOADED;
    await mount();
    expect(headerSrc()).toBe(UPLOADED);
    await act(async () => button('Remove')!.click());
    const dialog = root.querySelector('dialog')!;
    expect(dialog.textContent).toContain('Remove your avatar?');
    expect(sent.some((c) => c.method === 'DELETE')).toBe(false);
    // Cancel first: nothing happens.
    await act(async () => button('Cancel')!.click());
    expect(root.querySelector('dialog')).toBeNull();
    expect(sent.some((c) => c.method === 'DELETE')).toBe(false);
    // Then confirm.
    await act(async () => button('Remove')!.click());
    const confirm = [...root.querySelectorAll<HTMLButtonElement>('dialog button')].find((b) => b.textContent === 'Remove')!;
    await act(async () => confirm.click());
    await until(() => headerSrc()?.includes('/avatar.svg') ?? false);
    expect(sent.some((c) => c.method === 'DELETE' && c.url === '/api/me/avatar' && c.auth === 'Bearer T')).toBe(true);
    expect(button('Remove')).toBeNull();
    expect(document.activeElement).toBe(fileInput());
  });
});

describe('Avatar', () => {
  it('shows an uploaded picture as it is, sized, and asks identicons for a crisp size', async () => {
    await act(() =>
      render(
        <div>
          <Avatar user={{ username: 'ana', avatar_url: UPLOADED }} size={40} />
          <Avatar user={{ username: 'ana', avatar_url: IDENTICON }} size={40} />
        </div>,
        root,
      ),
    );
    const [uploaded, identicon] = [...root.querySelectorAll('img')];
    expect(uploaded.getAttribute('src')).toBe(UPLOADED);
    expect(uploaded.getAttribute('width')).toBe('40');
    expect(uploaded.getAttribute('height')).toBe('40');
    expect(identicon.getAttribute('src')).toBe('/api/users/1/avatar.svg?size=80&v=abcd1234');
  });

  it('falls back to the initial when a picture fails, and tries a new one', async () => {
    const draw = (url: string) => act(() => render(<Avatar user={{ username: 'ana', avatar_url: url }} />, root));
    await draw(UPLOADED);
    await act(async () => {
      root.querySelector('img')!.dispatchEvent(new Event('error'));
    });
    expect(root.querySelector('img')).toBeNull();
    expect(root.textContent).toBe('A');
    await draw('/media/cd/other.webp');
    expect(root.querySelector('img')!.getAttribute('src')).toBe('/media/cd/other.webp');
  });

  it('tells an uploaded avatar from a generated one', () => {
    expect(hasUploadedAvatar(UPLOADED)).toBe(true);
    expect(hasUploadedAvatar('https://bucket.example.org/inkwell/ab.webp')).toBe(true);
    expect(hasUploadedAvatar(IDENTICON)).toBe(false);
    expect(hasUploadedAvatar('https://www.gravatar.com/avatar/abc?d=identicon&s=128')).toBe(false);
    expect(hasUploadedAvatar(null)).toBe(false);
  });
});
