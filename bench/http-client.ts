/** A minimal cookie-keeping HTTP client for benchmarks (real sockets, keep-alive). */
export class HttpClient {
  readonly baseUrl: string;
  private readonly cookies = new Map<string, string>();
  constructor(baseUrl: string, cookies: Record<string, string> = {}) {
    this.baseUrl = baseUrl;
    for (const [name, value] of Object.entries(cookies)) this.cookies.set(name, value);
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
  }

  async request(path: string, init: RequestInit = {}): Promise<{ status: number; location: string | null; body: string; bytes: number }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string> | undefined), cookie: this.cookieHeader(), origin: this.baseUrl },
    });
    this.remember(response);
    const buffer = Buffer.from(await response.arrayBuffer());
    return { status: response.status, location: response.headers.get("location"), body: buffer.toString("utf8"), bytes: buffer.length };
  }

  get(path: string) {
    return this.request(path);
  }

  postForm(path: string, fields: Record<string, string>) {
    return this.request(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    });
  }

  postMultipart(path: string, form: FormData) {
    return this.request(path, { method: "POST", body: form });
  }
}

export function csrfToken(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error("no CSRF token on the page");
  return match[1]!;
}
