import type { Express } from "express";
import type { AddressInfo } from "node:net";

/** Serves an app on an ephemeral loopback port for a test; close() when done. */
export async function serveApp(app: Express): Promise<{ url: string; close(): Promise<void> }> {
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Signs in on a served app's sign-in form (`{ key }` or `{ email, password }`): the session cookie to send. */
export async function signInCookie(url: string, form: Record<string, string>): Promise<string> {
  const res = await fetch(`${url}/sign-in`, {
    method: "POST",
    headers: { "sec-fetch-site": "same-origin", origin: url },
    body: new URLSearchParams(form),
    redirect: "manual",
  });
  return (res.headers.get("set-cookie") ?? "").split(";")[0];
}
