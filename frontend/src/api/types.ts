// Resource shapes of SPEC §3, under the names the SPA uses, on top of the types generated from
// /api/openapi.json (schema.d.ts, `npm run types`; `npm run types:check` fails when they drift).
//
// The document marks no response field as required and leaves fields computed by functions untyped
// (`avatar_url`, `role`, the counters of /api/me): `Dumped` states that a response carries every field
// its schema declares, and `Narrow` gives the untyped ones the type the SPA relies on. `Narrow` accepts
// only a type the document's own field admits, so a field the API renames or retypes breaks the build here.
import type { components, paths } from './schema';

type Schemas = components['schemas'];

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** What the API sends for a schema: every declared field, except those in `Sometimes` (dropped per viewer). */
type Dumped<T, Sometimes extends keyof T = never> = Writable<Required<Omit<T, Sometimes>>> & Writable<Pick<T, Sometimes>>;

/** `T` with the fields in `N` replaced by narrower types (each must still fit the document's). */
type Narrow<T, N extends { [K in keyof N]: K extends keyof T ? T[K] : never }> = Omit<T, keyof N> & N;

/**
 * HTML that the server rendered and sanitised (nh3). The brand makes the type system refuse plain
 * user text where markup is expected: only values typed here, as they arrive from the API, carry it.
 */
export type ServerHtml = string & { readonly __serverHtml: unique symbol };

export type RoleName = NonNullable<Schemas['AdminUserUpdate']['role']>;
export type Locale = NonNullable<Schemas['ProfileUpdate']['locale']>;

export const Permission = {
  FOLLOW: 1,
  COMMENT: 2,
  WRITE: 4,
  MODERATE: 8,
  ADMIN: 16,
} as const;

export type BriefUser = Narrow<Dumped<Schemas['UserBrief']>, { avatar_url: string }>;

/** The viewer's relationship is null for anonymous viewers; email and confirmed only reach self and admins. */
interface UserFields {
  avatar_url: string;
  role: RoleName;
  is_following: boolean | null;
  follows_you: boolean | null;
}

export type User = Narrow<Dumped<Schemas['User'], 'email' | 'confirmed'>, UserFields>;

export type FollowEntry = Narrow<Dumped<Schemas['FollowUser'], 'email' | 'confirmed'>, UserFields>;

export type Me = Narrow<
  Dumped<Schemas['Me'], 'translation_available'>,
  UserFields & {
    locale: Locale;
    unread_message_count: number;
    new_notification_count: number;
    /** Whether POST /api/translate has a provider: the SPA offers "Translate" only then. */
    translation_available?: boolean;
  }
>;

export type TokenResponse = Narrow<Dumped<Schemas['Token']>, { user: Me }>;

export type Post = Narrow<Dumped<Schemas['Post']>, { author: BriefUser; body_html: ServerHtml }>;

/**
 * A disabled comment reaches everyone but moderators with `body` and `body_html` null (the document
 * types `body` by what the API accepts, a string, hence the Omit).
 */
export type Comment = Omit<Narrow<Dumped<Schemas['Comment']>, { author: BriefUser; body_html: ServerHtml | null }>, 'body'> & {
  body: string | null;
};

export type Message = Narrow<Dumped<Schemas['Message']>, { sender: BriefUser; recipient: BriefUser }>;

export type Conversation = Narrow<Dumped<Schemas['Conversation']>, { peer: BriefUser; last_message: Message }>;

/** A stored notification; live pushes carry only `{name, data, timestamp}`. */
export type NotificationRecord = Dumped<Schemas['Notification'], 'id' | 'read_at'>;

/** GET /api/client-config: what the SPA needs before it connects. */
export type ClientConfig = Schemas['ClientConfig'];

// Socket payloads are not in the OpenAPI document. SPEC §10's `post_stats`: a count that is absent
// (like_count, until likes exist) is unchanged.
export interface PostStats {
  id: number;
  comment_count?: number;
  like_count?: number;
}

// SPEC §4's `task_progress` data.
export interface TaskProgressData {
  task_id: string;
  progress: number;
  description?: string;
  // Not in the minimal contract, but used when present so failures show without a round trip.
  status?: TaskStatus;
  error?: string | null;
}

export type TaskStatus = 'queued' | 'running' | 'complete' | 'failed';

export type Task = Narrow<Dumped<Schemas['Task']>, { status: TaskStatus; result_url: string | null }>;

export type Role = Narrow<Dumped<Schemas['Role'], 'default'>, { name: RoleName }>;

export type CollectionMeta = Schemas['Meta'];

/** Every collection of the API (`PostCollection`, `UserCollection`, ...) has this shape. */
export interface Collection<T> {
  items: T[];
  _meta: CollectionMeta;
  _links?: Schemas['Links'];
}

export type MarkdownPreview = Narrow<Dumped<Schemas['Html']>, { html: ServerHtml }>;

/** What POST /api/markdown renders for: a post and a comment allow different Markdown. */
export type MarkdownKind = Schemas['Markdown']['kind'];

export type SearchType = NonNullable<NonNullable<paths['/api/search']['get']['parameters']['query']>['type']>;

/** One hit of GET /api/search: `post` or `user` is present, as `type` says. */
export type SearchResult =
  | { type: 'post'; post: Post; snippet: ServerHtml }
  | { type: 'user'; user: User; snippet: ServerHtml };

export type Translation = Dumped<Schemas['Translation']>;
