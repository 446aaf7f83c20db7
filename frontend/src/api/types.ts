// Resource shapes of SPEC §3. Keep them in step with the backend's marshmallow schemas.

/**
 * HTML that the server rendered and sanitised (nh3). The brand makes the type system refuse plain
 * user text where markup is expected: only values typed here, as they arrive from the API, carry it.
 */
export type ServerHtml = string & { readonly __serverHtml: unique symbol };

export type RoleName = 'User' | 'Moderator' | 'Administrator';
export type Locale = 'en' | 'es';

export const Permission = {
  FOLLOW: 1,
  COMMENT: 2,
  WRITE: 4,
  MODERATE: 8,
  ADMIN: 16,
} as const;

export interface BriefUser {
  id: number;
  username: string;
  name: string | null;
  avatar_url: string;
}

export interface User extends BriefUser {
  location: string | null;
  about_me: string | null;
  member_since: string;
  last_seen: string | null;
  role: RoleName;
  post_count: number;
  follower_count: number;
  following_count: number;
  comment_count: number;
  is_following?: boolean;
  follows_you?: boolean;
  email?: string;
  confirmed?: boolean;
}

export interface FollowEntry extends User {
  since: string;
}

export interface Me extends User {
  email: string;
  confirmed: boolean;
  permissions: number;
  locale: Locale;
  unread_message_count: number;
  new_notification_count: number;
  /** Whether POST /api/translate has a provider: the SPA offers "Translate" only then. */
  translation_available?: boolean;
}

export interface TokenResponse {
  access_token: string;
  expires_in: number;
  user: Me;
}

export interface Post {
  id: number;
  body: string;
  body_html: ServerHtml;
  language: string;
  timestamp: string;
  edited_at: string | null;
  comment_count: number;
  author: BriefUser;
}

export interface Comment {
  id: number;
  post_id: number;
  body: string | null;
  body_html: ServerHtml | null;
  disabled: boolean;
  timestamp: string;
  author: BriefUser;
}

export interface Message {
  id: number;
  sender: BriefUser;
  recipient: BriefUser;
  body: string;
  timestamp: string;
  read_at: string | null;
}

export interface Conversation {
  peer: BriefUser;
  last_message: Message;
  unread_count: number;
}

export interface NotificationRecord {
  id?: number;
  name: string;
  data: unknown;
  /** Float epoch seconds; also the `since` cursor. */
  timestamp: number;
  read_at?: string | null;
}

export interface TaskProgressData {
  task_id: string;
  progress: number;
  description?: string;
  // Not in the minimal contract, but used when present so failures show without a round trip.
  status?: TaskStatus;
  error?: string | null;
}

export type TaskStatus = 'queued' | 'running' | 'complete' | 'failed';

export interface Task {
  id: string;
  name: string;
  description: string;
  status: TaskStatus;
  progress: number;
  error: string | null;
  result_url: string | null;
}

export interface Role {
  id: number;
  name: RoleName;
  permissions: number;
  default?: boolean;
}

export interface CollectionMeta {
  page?: number;
  per_page: number;
  total_pages?: number;
  total_items?: number;
  next_cursor?: number | string | null;
}

export interface Collection<T> {
  items: T[];
  _meta: CollectionMeta;
  _links?: { self?: string | null; next?: string | null; prev?: string | null };
}

export interface MarkdownPreview {
  html: ServerHtml;
}

export type SearchType = 'posts' | 'users';

/** One hit of GET /api/search: `post` or `user` is present, as `type` says. */
export type SearchResult =
  | { type: 'post'; post: Post; snippet: ServerHtml }
  | { type: 'user'; user: User; snippet: ServerHtml };

export interface Translation {
  text: string;
}
