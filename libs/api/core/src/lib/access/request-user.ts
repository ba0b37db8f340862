/** The signed-in user behind a request, as the access guard puts it on `request.user`. */
export interface RequestUser {
  id: string;
  email: string;
  displayName: string;
  role: 'viewer' | 'analyst' | 'admin';
}

/** How the request proved who it is: a session cookie, an API token (Authorization header), a feed token (`?token=` on a feed), or nothing. */
export type AuthenticatedVia = 'session' | 'bearer' | 'feed_token' | 'anonymous';
