// A browser-like client over `inject`: keeps cookies and sends the CSRF token like the web pages do.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { TEST_PASSWORD } from './build-test-app.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export class TestClient {
  private readonly cookies = new Map<string, string>();
  private csrfToken: string | null = null;
  private readonly app: FastifyInstance;
  ip = '203.0.113.7';

  constructor(app: FastifyInstance) {
    this.app = app;
  }

  async request(
    method: Method,
    url: string,
    body?: unknown,
    options: { csrf?: boolean } = {},
  ): Promise<LightMyRequestResponse> {
    if (method !== 'GET' && options.csrf !== false && !this.csrfToken) await this.refreshCsrf();
    const response = await this.app.inject({
      method,
      url,
      remoteAddress: this.ip,
      headers: {
        cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(method !== 'GET' && options.csrf !== false && this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
      },
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    for (const cookie of response.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      const expired =
        cookie.maxAge === 0 || (cookie.expires && cookie.expires.getTime() < Date.now()) || cookie.value === '';
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }

  async refreshCsrf() {
    const response = await this.request('GET', '/api/session');
    this.csrfToken = response.json().csrfToken;
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {});
  put = (url: string, body?: unknown) => this.request('PUT', url, body ?? {});
  patch = (url: string, body?: unknown) => this.request('PATCH', url, body ?? {});
  delete = (url: string) => this.request('DELETE', url);

  /** A multipart upload of one file, as the browser's form sends it. */
  async upload(url: string, filename: string, content: Buffer, contentType = 'application/pdf', field = 'manuscript') {
    if (!this.csrfToken) await this.refreshCsrf();
    const boundary = `----test${Date.now()}`;
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return this.app.inject({
      method: 'POST',
      url,
      remoteAddress: this.ip,
      payload,
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        'x-csrf-token': this.csrfToken!,
      },
    });
  }

  cookie(name: string) {
    return this.cookies.get(name);
  }

  async login(email: string, password = TEST_PASSWORD) {
    const response = await this.post('/api/session/login', { email, password });
    if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
    // Signing in rotates the CSRF secret; the web client fetches the new token when refused, we at once.
    await this.refreshCsrf();
    return response;
  }
}

export async function signedIn(app: FastifyInstance, email: string) {
  const client = new TestClient(app);
  await client.login(email);
  return client;
}
