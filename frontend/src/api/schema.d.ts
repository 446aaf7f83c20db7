// Generated from /api/openapi.json by `npm run types` (frontend/scripts/api-types.mjs): do not edit.
// `npm run types:check` (part of `make lint`) fails when this file and the API drift apart.

export interface paths {
    "/api/auth/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm an account with the token from the emailed link */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["EmailToken"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Me"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/confirm-email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the email address with the token sent to the new address */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["EmailToken"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Me"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                409: components["responses"]["CONFLICT"];
                413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/confirm-request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Email a new confirmation link, without logging in
         * @description 202 whether or not the address belongs to an account that still needs confirming.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ResetRequest"];
                };
            };
            responses: {
                /** @description Accepted */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["BAD_REQUEST"];
                413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                429: components["responses"]["TOO_MANY_REQUESTS"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/confirm/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send the confirmation email again */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Accepted */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["UNAUTHORIZED"];
                409: components["responses"]["CONFLICT"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new password with the emailed token; logs out every session */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Reset"];
                };
            };
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["BAD_REQUEST"];
                413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/reset-request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Email a password reset link (202 whether or not the address exists) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ResetRequest"];
                };
            };
            responses: {
                /** @description Accepted */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["BAD_REQUEST"];
                413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                429: components["responses"]["TOO_MANY_REQUESTS"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/bookmarks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your bookmarked posts, the most recently bookmarked first */
        get: {
            parameters: {
                query?: {
                    page?: number;
                    per_page?: number | null;
                    /** @description Keyset cursor: items older than this id (no COUNT). */
                    before?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PostCollection"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/client-config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Settings the SPA needs before it connects (public, no database) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ClientConfig"];
                    };
                };
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every comment, newest first, for moderators */
        get: {
            parameters: {
                query?: {
                    page?: number;
                    per_page?: number | null;
                    /** @description Keyset cursor: items older than this id (no COUNT). */
                    before?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CommentCollection"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/comments/{comment_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                comment_id: number;
            };
            cookie?: never;
        };
        /** One comment (its body hidden when disabled, except from moderators) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    comment_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Comment"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Disable or re-enable a comment */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    comment_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Moderation"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Comment"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        trace?: never;
    };
    "/api/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your conversations: each peer with the last message and your unread count */
        get: {
            parameters: {
                query?: {
                    page?: number;
                    per_page?: number | null;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConversationCollection"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/conversations/{user_ref}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_ref: string;
            };
            cookie?: never;
        };
        /** The messages between you and one user, newest first */
        get: {
            parameters: {
                query?: {
                    page?: number;
                    per_page?: number | null;
                    /** @description Keyset cursor: items older than this id (no COUNT). */
                    before?: number;
                };
                header?: never;
                path: {
                    user_ref: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MessageCollection"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                404: components["responses"]["NOT_FOUND"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/conversations/{user_ref}/read": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_ref: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark the messages this user sent you as read; pushes your new unread count */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    user_ref: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["UNAUTHORIZED"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/feed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your posts and those of the people you follow, newest first */
        get: {
            parameters: {
                query?: {
                    page?: number;
                    per_page?: number | null;
                    /** @description Keyset cursor: items older than this id (no COUNT). */
                    before?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PostCollection"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process answers */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Health"];
                    };
                };
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/markdown": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Render Markdown exactly as a post or comment would be stored */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Markdown"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Html"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your own profile, with email, permissions and unread counts */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Me"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        /** Delete your account and everything you wrote; every session ends */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Password"];
                };
            };
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        options?: never;
        head?: never;
        /** Edit your username, name, location, about me or language */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ProfileUpdate"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Me"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                409: components["responses"]["CONFLICT"];
                413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        trace?: never;
    };
    "/api/me/avatar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Upload your avatar: a JPEG, PNG, WebP or GIF, cropped to a centred 400 px square */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "multipart/form-data": components["schemas"]["AvatarUpload"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Me"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
                415: components["responses"]["UNSUPPORTED_MEDIA_TYPE"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                429: components["responses"]["TOO_MANY_REQUESTS"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        post?: never;
        /** Remove your uploaded avatar: the identicon is shown again */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask to change your email; a link goes to the new address */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["EmailChange"];
                };
            };
            responses: {
                /** @description Accepted */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                409: components["responses"]["CONFLICT"];
                413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change your password (other sessions stay signed in) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PasswordChange"];
                };
            };
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tags you follow, alphabetically */
        get: {
            parameters: {
                query?: {
                    page?: number;
                    per_page?: number | null;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TagCollection"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/media": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upload a picture (JPEG, PNG, WebP or GIF), re-encoded as WebP without metadata */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "multipart/form-data": components["schemas"]["MediaUpload"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Media"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
                415: components["responses"]["UNSUPPORTED_MEDIA_TYPE"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                429: components["responses"]["TOO_MANY_REQUESTS"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/media/{media_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a picture, taking it off its post (its owner or an administrator) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    media_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        options?: never;
        head?: never;
        /** Change a picture's alt text (its owner or an administrator) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    media_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["MediaUpdate"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Media"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        trace?: never;
    };
    "/api/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Messages you received, newest first (listing marks nothing read) */
        get: {
            parameters: {
                query?: {
                    page?: number;
                    per_page?: number | null;
                    /** @description Keyset cursor: items older than this id (no COUNT). */
                    before?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MessageCollection"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        /** Send a private message; the recipient gets it live */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Message"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Message"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                429: components["responses"]["TOO_MANY_REQUESTS"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every notification stored after `since`, oldest first: states and events */
        get: {
            parameters: {
                query?: {
                    page?: number;
                    per_page?: number | null;
                    /** @description Only notifications stored after this epoch timestamp */
                    since?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotificationCollection"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark your event notifications read (all, or up to `until`) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NotificationsRead"];
                };
            };
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/posts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Explore: every post, newest first */
        get: {
            parameters: {
                query?: {
                    page?: number;
                    per_page?: number | null;
                    /** @description Keyset cursor: items older than this id (no COUNT). */
                    before?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PostCollection"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        /** Write a post (Markdown) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Post"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Post"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                429: components["responses"]["TOO_MANY_REQUESTS"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/posts/{post_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                post_id: number;
            };
            cookie?: never;
        };
        /** One post */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    post_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Post"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        /** Delete a post and its comments (its author or an administrator) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    post_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        options?: never;
        head?: never;
        /** Edit a post's body, pictures or content warning (its author or an administrator) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    post_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PostUpdate"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Post"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        trace?: never;
    };
    "/api/posts/{post_id}/bookmark": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                post_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Bookmark a post (idempotent); only you see your bookmarks */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    post_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["UNAUTHORIZED"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        /** Remove a bookmark (idempotent) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    post_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["UNAUTHORIZED"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/posts/{post_id}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                post_id: number;
            };
            cookie?: never;
        };
        /** A post's comments, oldest first */
        get: {
            parameters: {
                query?: {
                    page?: number;
                    per_page?: number | null;
                };
                header?: never;
                path: {
                    post_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CommentCollection"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                404: components["responses"]["NOT_FOUND"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        /** Comment on a post (Markdown, inline formatting only) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    post_id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Comment"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Comment"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/posts/{post_id}/like": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                post_id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Like a post (idempotent); its author is told (not of their own like) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    post_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        /** Take your like back (idempotent) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    post_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/posts/{post_id}/likes": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                post_id: number;
            };
            cookie?: never;
        };
        /** Who likes a post, most recent first, each with `liked_at` */
        get: {
            parameters: {
                query?: {
                    page?: number;
                    per_page?: number | null;
                    /** @description Keyset cursor: items older than this id (no COUNT). */
                    before?: number;
                };
                header?: never;
                path: {
                    post_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LikerCollection"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                404: components["responses"]["NOT_FOUND"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The database (and Redis, when configured) answer */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Health"];
                    };
                };
                503: components["responses"]["SERVICE_UNAVAILABLE"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every role with its permission bits (FOLLOW=1 COMMENT=2 WRITE=4 MODERATE=8 ADMIN=16) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Role"][];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Posts (`type=posts`, stemmed) or users (`type=users`, by prefix), best match first,
         *     each with a highlighted excerpt
         */
        get: {
            parameters: {
                query: {
                    page?: number;
                    per_page?: number | null;
                    /** @description Words to find (any punctuation is ignored) */
                    q: string;
                    type?: "posts" | "users";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SearchResultCollection"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tags/trending": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The 10 tags most authors used in the last 24 hours */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Trending"];
                    };
                };
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tags/{tag}/follow": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tag: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Follow a tag: its posts join your feed (idempotent) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    tag: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        /** Stop following a tag (idempotent) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    tag: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tags/{tag}/posts": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tag: string;
            };
            cookie?: never;
        };
        /** Posts carrying a tag (case-insensitive, without the #), newest first */
        get: {
            parameters: {
                query?: {
                    page?: number;
                    per_page?: number | null;
                    /** @description Keyset cursor: items older than this id (no COUNT). */
                    before?: number;
                };
                header?: never;
                path: {
                    tag: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PostCollection"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                404: components["responses"]["NOT_FOUND"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your tasks, newest first */
        get: {
            parameters: {
                query?: {
                    page?: number;
                    per_page?: number | null;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TaskCollection"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        /** Start a task (one running export per user) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            responses: {
                /** @description Accepted */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Task"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                409: components["responses"]["CONFLICT"];
                413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                503: components["responses"]["SERVICE_UNAVAILABLE"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{task_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                task_id: string;
            };
            cookie?: never;
        };
        /** One of your tasks, with its progress */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    task_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Task"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{task_id}/result": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                task_id: string;
            };
            cookie?: never;
        };
        /** Download the result of a finished task (posts.json) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    task_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description posts.json */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Exchange the refresh cookie for a new access token (rotates the cookie) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Token"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        /** Log in with {login, password} or HTTP Basic; sets the refresh cookie */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["TokenRequestUpdate"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Token"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                429: components["responses"]["TOO_MANY_REQUESTS"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        /** Log out: revoke this session family and clear the cookie */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["UNAUTHORIZED"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/translate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Translate a text (`source_language` '' lets the service detect it) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Translate"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Translation"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                429: components["responses"]["TOO_MANY_REQUESTS"];
                /** @description The translation service failed */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description No translation service is configured */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The translation service timed out */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Users, alphabetically; `q` filters by username prefix */
        get: {
            parameters: {
                query?: {
                    /** @description Username prefix */
                    q?: string;
                    page?: number;
                    per_page?: number | null;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UserCollection"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        /** Register; a confirmation email is sent */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Register"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                409: components["responses"]["CONFLICT"];
                413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                429: components["responses"]["TOO_MANY_REQUESTS"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{user_ref}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_ref: string;
            };
            cookie?: never;
        };
        /** A profile by id or username, with counts and your relationship to it */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    user_ref: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                404: components["responses"]["NOT_FOUND"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Administrators edit any account, including its role */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    user_ref: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AdminUserUpdate"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                400: components["responses"]["BAD_REQUEST"];
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                409: components["responses"]["CONFLICT"];
                413: components["responses"]["REQUEST_ENTITY_TOO_LARGE"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        trace?: never;
    };
    "/api/users/{user_ref}/avatar.svg": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_ref: string;
            };
            cookie?: never;
        };
        /** The user's identicon (or a redirect to Gravatar when so configured) */
        get: {
            parameters: {
                query?: {
                    size?: number;
                    /** @description Cache buster, ignored */
                    v?: string;
                };
                header?: never;
                path: {
                    user_ref: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Identicon */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "image/svg+xml": string;
                    };
                };
                /** @description Redirect to Gravatar (AVATAR_PROVIDER=gravatar) */
                302: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not modified (If-None-Match) */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                404: components["responses"]["NOT_FOUND"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{user_ref}/follow": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_ref: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Follow a user (idempotent) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    user_ref: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        /** Unfollow a user (idempotent) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    user_ref: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No Content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                401: components["responses"]["UNAUTHORIZED"];
                403: components["responses"]["FORBIDDEN"];
                404: components["responses"]["NOT_FOUND"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{user_ref}/followers": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_ref: string;
            };
            cookie?: never;
        };
        /** Who follows this user, most recent first, with `since` */
        get: {
            parameters: {
                query?: {
                    page?: number;
                    per_page?: number | null;
                };
                header?: never;
                path: {
                    user_ref: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FollowUserCollection"];
                    };
                };
                404: components["responses"]["NOT_FOUND"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{user_ref}/following": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_ref: string;
            };
            cookie?: never;
        };
        /** Whom this user follows, most recent first, with `since` */
        get: {
            parameters: {
                query?: {
                    page?: number;
                    per_page?: number | null;
                };
                header?: never;
                path: {
                    user_ref: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FollowUserCollection"];
                    };
                };
                404: components["responses"]["NOT_FOUND"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{user_ref}/posts": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_ref: string;
            };
            cookie?: never;
        };
        /** A user's posts, newest first */
        get: {
            parameters: {
                query?: {
                    page?: number;
                    per_page?: number | null;
                    /** @description Keyset cursor: items older than this id (no COUNT). */
                    before?: number;
                };
                header?: never;
                path: {
                    user_ref: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PostCollection"];
                    };
                };
                401: components["responses"]["UNAUTHORIZED"];
                404: components["responses"]["NOT_FOUND"];
                422: components["responses"]["UNPROCESSABLE_ENTITY"];
                default: components["responses"]["DEFAULT_ERROR"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AdminUserUpdate: {
            about_me?: string | null;
            confirmed?: boolean;
            /** Format: email */
            email?: string;
            /** @enum {string|null} */
            locale?: "en" | "es" | null;
            location?: string | null;
            name?: string | null;
            /** @enum {string} */
            role?: "User" | "Moderator" | "Administrator";
            username?: string;
        };
        AvatarUpload: {
            /**
             * Format: binary
             * @description A JPEG, PNG, WebP or GIF image, cropped to a centred square
             */
            file: string;
        };
        ClientConfig: {
            /** @description Socket.IO transports, in order: ["polling", "websocket"] or ["websocket"] (a deployment without sticky sessions) */
            socket_transports?: string[];
        };
        Comment: {
            readonly author?: components["schemas"]["UserBrief"];
            body: string;
            readonly body_html?: string | null;
            readonly disabled?: boolean;
            readonly id?: number;
            readonly post_id?: number;
            /** Format: date-time */
            readonly timestamp?: string;
        };
        CommentCollection: {
            _links?: components["schemas"]["Links"];
            _meta?: components["schemas"]["Meta"];
            items?: components["schemas"]["Comment"][];
        };
        Conversation: {
            last_message?: components["schemas"]["Message"];
            peer?: components["schemas"]["UserBrief"];
            unread_count?: number;
        };
        ConversationCollection: {
            _links?: components["schemas"]["Links"];
            _meta?: components["schemas"]["Meta"];
            items?: components["schemas"]["Conversation"][];
        };
        EmailChange: {
            /** Format: email */
            email: string;
            password: string;
        };
        EmailToken: {
            token: string;
        };
        Error: {
            /** @description HTTP reason phrase */
            error: string;
            /** @description Messages per field */
            errors?: {
                [key: string]: string[];
            };
            /** @description Human-readable text */
            message: string;
        };
        FollowUser: {
            readonly about_me?: string | null;
            readonly avatar_url?: unknown;
            readonly comment_count?: number;
            /** @description Self and admins */
            readonly confirmed?: boolean;
            /**
             * Format: email
             * @description Only for self and admins
             */
            readonly email?: string;
            readonly follower_count?: number;
            readonly following_count?: number;
            readonly follows_you?: unknown;
            readonly id?: number;
            readonly is_following?: unknown;
            /** Format: date-time */
            readonly last_seen?: string;
            readonly location?: string | null;
            /** Format: date-time */
            readonly member_since?: string;
            readonly name?: string | null;
            readonly post_count?: number;
            readonly role?: unknown;
            /** Format: date-time */
            readonly since?: string;
            readonly username?: string;
        };
        FollowUserCollection: {
            _links?: components["schemas"]["Links"];
            _meta?: components["schemas"]["Meta"];
            items?: components["schemas"]["FollowUser"][];
        };
        Health: {
            database?: string;
            redis?: string;
            status?: string;
        };
        Html: {
            html?: string;
        };
        Liker: {
            readonly about_me?: string | null;
            readonly avatar_url?: unknown;
            readonly comment_count?: number;
            /** @description Self and admins */
            readonly confirmed?: boolean;
            /**
             * Format: email
             * @description Only for self and admins
             */
            readonly email?: string;
            readonly follower_count?: number;
            readonly following_count?: number;
            readonly follows_you?: unknown;
            readonly id?: number;
            readonly is_following?: unknown;
            /** Format: date-time */
            readonly last_seen?: string;
            /** Format: date-time */
            readonly liked_at?: string;
            readonly location?: string | null;
            /** Format: date-time */
            readonly member_since?: string;
            readonly name?: string | null;
            readonly post_count?: number;
            readonly role?: unknown;
            readonly username?: string;
        };
        LikerCollection: {
            _links?: components["schemas"]["Links"];
            _meta?: components["schemas"]["Meta"];
            items?: components["schemas"]["Liker"][];
        };
        Links: {
            next?: string | null;
            prev?: string | null;
            self?: string;
        };
        Markdown: {
            body: string;
            /**
             * @default post
             * @enum {string}
             */
            kind: "post" | "comment";
        };
        Me: {
            readonly about_me?: string | null;
            readonly avatar_url?: unknown;
            readonly comment_count?: number;
            /** @description Self and admins */
            readonly confirmed?: boolean;
            /**
             * Format: email
             * @description Only for self and admins
             */
            readonly email?: string;
            readonly follower_count?: number;
            readonly following_count?: number;
            readonly follows_you?: unknown;
            readonly id?: number;
            readonly is_following?: unknown;
            /** Format: date-time */
            readonly last_seen?: string;
            readonly locale?: string | null;
            readonly location?: string | null;
            /** Format: date-time */
            readonly member_since?: string;
            readonly name?: string | null;
            readonly new_notification_count?: unknown;
            readonly permissions?: number;
            readonly post_count?: number;
            readonly role?: unknown;
            readonly translation_available?: unknown;
            readonly unread_message_count?: unknown;
            readonly username?: string;
        };
        Media: {
            readonly alt?: string | null;
            readonly height?: number;
            readonly id?: number;
            /** @description <= 640 px, WebP */
            readonly preview_url?: string;
            /** @description Full size, WebP */
            readonly url?: string;
            readonly width?: number;
        };
        MediaUpdate: {
            /** @description The new alt text (empty: none) */
            alt: string;
        };
        MediaUpload: {
            /** @description Alt text: what the picture shows (needed to post it) */
            alt?: string;
            /**
             * Format: binary
             * @description A JPEG, PNG, WebP or GIF image (10 MiB, 40 megapixels at most)
             */
            file: string;
        };
        Message: {
            body: string;
            readonly id?: number;
            /** Format: date-time */
            readonly read_at?: string | null;
            /** @description Username or id of the recipient */
            recipient: unknown;
            readonly sender?: components["schemas"]["UserBrief"];
            /** Format: date-time */
            readonly timestamp?: string;
        };
        MessageCollection: {
            _links?: components["schemas"]["Links"];
            _meta?: components["schemas"]["Meta"];
            items?: components["schemas"]["Message"][];
        };
        Meta: {
            next_cursor?: number | null;
            page?: number;
            per_page?: number;
            total_items?: number;
            total_pages?: number;
        };
        Moderation: {
            disabled: boolean;
        };
        Notification: {
            /** @description Depends on the name */
            data?: unknown;
            id?: number;
            name?: string;
            /** Format: date-time */
            read_at?: string | null;
            /** @description Epoch seconds; the `since` cursor */
            timestamp?: number;
        };
        NotificationCollection: {
            _links?: components["schemas"]["Links"];
            _meta?: components["schemas"]["Meta"];
            items?: components["schemas"]["Notification"][];
        };
        NotificationsRead: {
            /** @description Mark events up to this timestamp (default: all) */
            until?: number;
        };
        PaginationMetadata: {
            /** @description First available page number. */
            first_page?: number;
            /** @description Last available page number. */
            last_page?: number;
            /** @description Next page number. */
            next_page?: number;
            /** @description Current page number. */
            page?: number;
            /** @description Previous page number. */
            previous_page?: number;
            /** @description Total number of items. */
            total?: number;
            /** @description Total number of pages. */
            total_pages?: number;
        };
        Password: {
            password: string;
        };
        PasswordChange: {
            old_password: string;
            password: string;
        };
        Post: {
            readonly author?: components["schemas"]["UserBrief"];
            body: string;
            readonly body_html?: string;
            /** @description Whether you bookmarked it; null when not signed in */
            readonly bookmarked?: boolean | null;
            readonly comment_count?: number;
            /** @description Shown instead of the body until the reader opens it; empty or null: none */
            content_warning?: string | null;
            /** Format: date-time */
            readonly edited_at?: string | null;
            readonly id?: number;
            readonly language?: string;
            readonly like_count?: number;
            /** @description Whether you like it; null when not signed in */
            readonly liked?: boolean | null;
            readonly media?: components["schemas"]["Media"][];
            /** @description Pictures to show, in order: your uploads (POST /api/media), each with alt text; on PATCH the new list (pictures left out are deleted) */
            media_ids?: number[];
            /** Format: date-time */
            readonly timestamp?: string;
        };
        PostCollection: {
            _links?: components["schemas"]["Links"];
            _meta?: components["schemas"]["Meta"];
            items?: components["schemas"]["Post"][];
        };
        PostUpdate: {
            readonly author?: components["schemas"]["UserBrief"];
            body?: string;
            readonly body_html?: string;
            /** @description Whether you bookmarked it; null when not signed in */
            readonly bookmarked?: boolean | null;
            readonly comment_count?: number;
            /** @description Shown instead of the body until the reader opens it; empty or null: none */
            content_warning?: string | null;
            /** Format: date-time */
            readonly edited_at?: string | null;
            readonly id?: number;
            readonly language?: string;
            readonly like_count?: number;
            /** @description Whether you like it; null when not signed in */
            readonly liked?: boolean | null;
            readonly media?: components["schemas"]["Media"][];
            /** @description Pictures to show, in order: your uploads (POST /api/media), each with alt text; on PATCH the new list (pictures left out are deleted) */
            media_ids?: number[];
            /** Format: date-time */
            readonly timestamp?: string;
        };
        ProfileUpdate: {
            about_me?: string | null;
            /** @enum {string|null} */
            locale?: "en" | "es" | null;
            location?: string | null;
            name?: string | null;
            username?: string;
        };
        Register: {
            /** Format: email */
            email: string;
            password: string;
            username: string;
        };
        Reset: {
            password: string;
            token: string;
        };
        ResetRequest: {
            /** Format: email */
            email: string;
        };
        Role: {
            default?: boolean;
            id?: number;
            name?: string;
            permissions?: number;
        };
        SearchResult: {
            post?: components["schemas"]["Post"];
            /** @description Escaped excerpt; matched words in <mark>, no other markup */
            snippet?: string;
            /** @description post or user: which field is present */
            type?: string;
            user?: components["schemas"]["User"];
        };
        SearchResultCollection: {
            _links?: components["schemas"]["Links"];
            _meta?: components["schemas"]["Meta"];
            items?: components["schemas"]["SearchResult"][];
        };
        Tag: {
            /** @description Lower case, without the # */
            readonly name?: string;
        };
        TagCollection: {
            _links?: components["schemas"]["Links"];
            _meta?: components["schemas"]["Meta"];
            items?: components["schemas"]["Tag"][];
        };
        Task: {
            /** Format: date-time */
            readonly created_at?: string;
            readonly description?: string;
            readonly error?: string | null;
            /** Format: date-time */
            readonly finished_at?: string | null;
            readonly id?: string;
            /** @enum {string} */
            name: "export_posts";
            readonly progress?: number;
            readonly result_url?: unknown;
            readonly status?: string;
        };
        TaskCollection: {
            _links?: components["schemas"]["Links"];
            _meta?: components["schemas"]["Meta"];
            items?: components["schemas"]["Task"][];
        };
        Token: {
            access_token?: string;
            /** @description Seconds */
            expires_in?: number;
            user?: components["schemas"]["Me"];
        };
        TokenRequestUpdate: {
            /** @description Username or email */
            login?: string;
            password?: string;
            /** @default false */
            remember: boolean;
        };
        Translate: {
            dest_language: string;
            /** @default  */
            source_language: string;
            text: string;
        };
        Translation: {
            text?: string;
        };
        Trending: {
            items?: components["schemas"]["TrendingTag"][];
        };
        TrendingTag: {
            /** @description Distinct authors using it in the last 24 h */
            readonly authors?: number;
            /** @description Lower case, without the # */
            readonly name?: string;
            /** @description Its posts in 24 h */
            readonly posts?: number;
        };
        User: {
            readonly about_me?: string | null;
            readonly avatar_url?: unknown;
            readonly comment_count?: number;
            /** @description Self and admins */
            readonly confirmed?: boolean;
            /**
             * Format: email
             * @description Only for self and admins
             */
            readonly email?: string;
            readonly follower_count?: number;
            readonly following_count?: number;
            readonly follows_you?: unknown;
            readonly id?: number;
            readonly is_following?: unknown;
            /** Format: date-time */
            readonly last_seen?: string;
            readonly location?: string | null;
            /** Format: date-time */
            readonly member_since?: string;
            readonly name?: string | null;
            readonly post_count?: number;
            readonly role?: unknown;
            readonly username?: string;
        };
        UserBrief: {
            readonly avatar_url?: unknown;
            readonly id?: number;
            readonly name?: string | null;
            readonly username?: string;
        };
        UserCollection: {
            _links?: components["schemas"]["Links"];
            _meta?: components["schemas"]["Meta"];
            items?: components["schemas"]["User"][];
        };
    };
    responses: {
        /** @description Bad Request */
        BAD_REQUEST: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Conflict */
        CONFLICT: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Default error response */
        DEFAULT_ERROR: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Forbidden */
        FORBIDDEN: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Not Found */
        NOT_FOUND: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Request Entity Too Large */
        REQUEST_ENTITY_TOO_LARGE: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Service Unavailable */
        SERVICE_UNAVAILABLE: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Too Many Requests */
        TOO_MANY_REQUESTS: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Unauthorized */
        UNAUTHORIZED: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Unprocessable Entity */
        UNPROCESSABLE_ENTITY: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Unsupported Media Type */
        UNSUPPORTED_MEDIA_TYPE: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
