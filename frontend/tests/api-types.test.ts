import { describe, expectTypeOf, it } from 'vitest';
import type { Comment, Locale, Me, Message, NotificationRecord, Post, RoleName, SearchType, Task, User } from '../src/api';
import { LIMITS, MARKDOWN_LIMITS } from '../src/lib/limits';
import { schemaLimits } from '../src/api/schema-limits';

// Checked by `npm run typecheck` (expectTypeOf does nothing at run time): the names the SPA uses keep the
// shapes it relies on when src/api/schema.d.ts is regenerated from the API.
describe('API types generated from the OpenAPI document', () => {
  it('have every field a response always carries, typed as the SPA reads it', () => {
    expectTypeOf<Post['id']>().toEqualTypeOf<number>();
    expectTypeOf<Post['author']['avatar_url']>().toEqualTypeOf<string>();
    expectTypeOf<Message['recipient']['username']>().toEqualTypeOf<string>();
    expectTypeOf<User['role']>().toEqualTypeOf<RoleName>();
    expectTypeOf<Me['locale']>().toEqualTypeOf<Locale>();
    expectTypeOf<Me['unread_message_count']>().toEqualTypeOf<number>();
    expectTypeOf<Task['result_url']>().toEqualTypeOf<string | null>();
    expectTypeOf<NotificationRecord['timestamp']>().toEqualTypeOf<number>();
  });

  it('keep optional what the API sends only to some viewers, or only in stored notifications', () => {
    expectTypeOf<User['email']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<User['is_following']>().toEqualTypeOf<boolean | null>();
    expectTypeOf<Comment['body']>().toEqualTypeOf<string | null>();
    expectTypeOf<NotificationRecord['id']>().toEqualTypeOf<number | undefined>();
  });

  it('take enumerations from the document', () => {
    expectTypeOf<RoleName>().toEqualTypeOf<'User' | 'Moderator' | 'Administrator'>();
    expectTypeOf<Locale>().toEqualTypeOf<'en' | 'es'>();
    expectTypeOf<SearchType>().toEqualTypeOf<'posts' | 'users'>();
  });

  it('give the forms the limits the API declares', () => {
    expectTypeOf(LIMITS.postBody).toEqualTypeOf<typeof schemaLimits.Post.body.maxLength>();
    expectTypeOf(MARKDOWN_LIMITS).toEqualTypeOf<Record<'post' | 'comment', number>>();
  });
});
