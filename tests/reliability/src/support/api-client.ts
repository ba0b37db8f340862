/**
 * A small HTTP client for API processes, as the dashboard talks to them: it keeps the cookies it is given,
 * echoes the XSRF cookie in X-XSRF-TOKEN on writes, and times every answer. Network failures (a refused
 * connection, a timeout) are answers too, with status 0.
 */
export interface ApiAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  ms: number;
  /** What went wrong when there was no HTTP answer (ECONNREFUSED, a timeout …). */
  error?: string;
}

export interface RequestOptions {
  timeoutMs?: number;
  contentType?: string;
}

export class ApiClient {
  readonly cookies = new Map<string, string>();

  constructor(public baseUrl: string) {}

  /** The same cookies, sent to another instance. */
  on(baseUrl: string): ApiClient {
    const other = new ApiClient(baseUrl);
    for (const [name, value] of this.cookies) other.cookies.set(name, value);
    return other;
  }

  async request(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<ApiAnswer> {
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) headers['cookie'] = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const xsrf = this.cookies.get('XSRF-TOKEN');
    if (xsrf && method !== 'GET') headers['x-xsrf-token'] = xsrf;
    if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
    const started = performance.now();
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
      for (const cookie of response.headers.getSetCookie()) {
        const [pair] = cookie.split(';');
        const [name, ...value] = pair.split('=');
        if (/max-age=0|expires=thu, 01 jan 1970/i.test(cookie)) this.cookies.delete(name.trim());
        else this.cookies.set(name.trim(), value.join('='));
      }
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON (e.g. an HTML page)
      }
      return { status: response.status, body: parsed, ms: performance.now() - started };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return { status: 0, body: undefined, ms: performance.now() - started, error: cause ?? (error as Error).name };
    }
  }

  /** Signs in through the dashboard's flow: the anonymous CSRF pair first, then POST /api/auth/login. */
  async signIn(email: string, password: string): Promise<ApiAnswer> {
    await this.request('GET', '/api/auth/session');
    return this.request('POST', '/api/auth/login', { email, password });
  }
}
