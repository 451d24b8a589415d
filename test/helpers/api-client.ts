import { createApp, type AppDeps } from "../../src/server/index.ts";
import { createApiKey, type Role } from "../../src/auth/index.ts";
import { serveApp } from "./serve-app.ts";
import type { TestDatabase } from "./test-database.ts";

export interface ApiResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON when the response is JSON, else the text. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies of every shape
  body: any;
}

export interface ApiClient {
  url: string;
  keys: Record<Role, string>;
  /** One request; `key: null` sends no Authorization header; `body` is sent as JSON. */
  call(
    method: string,
    path: string,
    options?: { key?: string | null; body?: unknown; headers?: Record<string, string>; raw?: string },
  ): Promise<ApiResponse>;
  close(): Promise<void>;
}

/** The whole app (API and pages) on an ephemeral port, with a key per role. */
export async function startApiClient(t: TestDatabase, deps: Partial<AppDeps> = {}): Promise<ApiClient> {
  const keys = {} as Record<Role, string>;
  for (const role of ["viewer", "csm", "admin"] as Role[])
    keys[role] = (await createApiKey(t.db, { role, name: `${role} tester` })).key;
  const server = await serveApp(createApp({ db: t.db, config: t.config, rateLimitPerMinute: 100_000, ...deps }));
  return {
    url: server.url,
    keys,
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      const key = options.key === undefined ? keys.admin : options.key;
      if (key) headers.authorization = `Bearer ${key}`;
      let body: string | undefined = options.raw;
      if (options.body !== undefined) {
        headers["content-type"] = "application/json";
        body = JSON.stringify(options.body);
      }
      const res = await fetch(server.url + path, { method, headers, body, redirect: "manual" });
      const text = await res.text();
      const isJson = (res.headers.get("content-type") ?? "").includes("json");
      return { status: res.status, headers: res.headers, body: isJson && text ? JSON.parse(text) : text };
    },
    close: () => server.close(),
  };
}
