/** The staff REST API, with the signed-in staff token as the bearer. */
import type { ErrorBody } from '../../worker/protocol/api';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** What was wrong, by field (`hours.2.end`: "must be after start"), on a 400. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export class Api {
  constructor(
    readonly base: string,
    private readonly token: () => string | null,
  ) {}

  async request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = this.token();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(`${this.base}/api/v1${path}`, {
        method,
        headers,
        cache: 'no-store',
        credentials: 'omit',
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch {
      throw new ApiError(0, 'network', 'The server cannot be reached.');
    }
    const text = await res.text();
    let data: unknown = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null;
    }
    if (!res.ok) {
      // The API's one error body (worker/protocol/api.ts); anything else (a proxy's page) falls back to the status.
      const err = (data as Partial<ErrorBody> | null)?.error;
      const details = err?.details && typeof err.details === 'object' ? (err.details as Record<string, unknown>) : undefined;
      throw new ApiError(res.status, err?.code ?? `http_${res.status}`, err?.message ?? `HTTP ${res.status}`, details);
    }
    return data as T;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body ?? {});
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }
}
