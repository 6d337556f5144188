import type { ApiResponse } from './app.js';

/** Calls a real server over HTTP, with the same shape as TestApp.call. */
export function httpCaller(baseUrl: string) {
  return async (
    token: string | null,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<Omit<ApiResponse, 'raw' | 'headers'>> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : null };
  };
}
