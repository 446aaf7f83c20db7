import { useState } from 'preact/hooks';
import { api, type Post } from '../api';
import { useI18n } from '../i18n';
import { useSubmit } from '../lib/hooks';
import { FormError } from './Field';
import { MarkdownEditor } from './MarkdownEditor';
import { toast } from './toast';

export const POST_MAX = 10_000;

export function Composer(props: { onPosted: (p: Post) => void }) {
  const { t } = useI18n();
  const [body, setBody] = useState('');
  const submit = useSubmit(() => api.post<Post>('/posts', { body }));

  async function onSubmit(e: Event) {
    e.preventDefault();
    const post = await submit.run();
    if (post) {
      setBody('');
      toast(t('composer.published'), 'success');
      props.onPosted(post);
    }
  }

  return (
    <form class="card composer" onSubmit={onSubmit}>
      <MarkdownEditor
        label={t('composer.label')}
        name="body"
        kind="post"
        value={body}
        onInput={setBody}
        max={POST_MAX}
        error={submit.error}
      />
      <FormError error={submit.error} fields={['body']} />
      <div class="actions">
        <button class="btn btn-primary" disabled={submit.busy || !body.trim() || body.length > POST_MAX}>
          {t('composer.submit')}
        </button>
      </div>
    </form>
  );
}
