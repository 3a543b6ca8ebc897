import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export interface PageResponse {
  readonly status: number;
  readonly headers: LightMyRequestResponse['headers'];
  readonly body: string;
  /** The Location header of a redirect, if any. */
  readonly location: string | undefined;
}

/**
 * A minimal browser over `app.inject`: it keeps cookies (honouring Max-Age=0 and Expires in the
 * past) and the last page's `_csrf` token, and fills that token into every form it posts.
 */
export class TestBrowser {
  readonly cookies = new Map<string, string>();
  csrf: string | undefined;

  /** `address`: the client's IP as the server sees it (the password throttle counts per address). */
  constructor(
    private readonly app: FastifyInstance,
    readonly address = '127.0.0.1',
  ) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(response: LightMyRequestResponse): void {
    for (const c of response.cookies) {
      const expired =
        c.maxAge === 0 || (c.expires !== undefined && new Date(c.expires).getTime() < Date.now());
      if (expired || c.value === '') this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  private toPage(response: LightMyRequestResponse): PageResponse {
    this.remember(response);
    const body = response.body;
    const token = /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
    if (token) this.csrf = token;
    const location = response.headers.location;
    return {
      status: response.statusCode,
      headers: response.headers,
      body,
      location: typeof location === 'string' ? location : undefined,
    };
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<PageResponse> {
    const response = await this.app.inject({
      method: 'GET',
      url,
      remoteAddress: this.address,
      headers: { cookie: this.cookieHeader(), ...headers },
    });
    return this.toPage(response);
  }

  /** Posts an urlencoded form; `_csrf` is added from the last page unless the fields set it. */
  async post(
    url: string,
    fields: Record<string, string | string[]> = {},
    headers: Record<string, string> = {},
  ): Promise<PageResponse> {
    const params = new URLSearchParams();
    if (!('_csrf' in fields) && this.csrf) params.append('_csrf', this.csrf);
    for (const [k, v] of Object.entries(fields))
      for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
    const response = await this.app.inject({
      method: 'POST',
      url,
      remoteAddress: this.address,
      headers: {
        cookie: this.cookieHeader(),
        'content-type': 'application/x-www-form-urlencoded',
        ...headers,
      },
      payload: params.toString(),
    });
    return this.toPage(response);
  }

  /** GET, then follow redirects (at most 5) the way a browser would. */
  async visit(url: string): Promise<PageResponse> {
    let page = await this.get(url);
    for (let i = 0; i < 5 && page.location; i++) page = await this.get(page.location);
    return page;
  }

  /** POST, then follow the redirect chain with GETs. */
  async submit(url: string, fields: Record<string, string | string[]> = {}): Promise<PageResponse> {
    let page = await this.post(url, fields);
    for (let i = 0; i < 5 && page.location; i++) page = await this.get(page.location);
    return page;
  }
}
