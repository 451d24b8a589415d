import type { Principal } from "../../auth/index.ts";
import { html } from "../html.ts";
import { renderPage } from "../layout.ts";

const TITLES: Record<number, string> = {
  400: "Bad request",
  403: "Not allowed",
  404: "Not found",
  409: "Conflict",
  429: "Too many requests",
  500: "Something went wrong",
};

/** An error as a page: the status, and the message (what was expected and what was found). */
export function errorPage(options: { status: number; message: string; principal: Principal | null }): string {
  const title = TITLES[options.status] ?? "Error";
  const body = html`<section class="narrow">
  <h1>${title}</h1>
  <p role="alert">${options.message}</p>
  <p><a href="/at-risk">Back to the at-risk list</a></p>
</section>`;
  return renderPage({ title, principal: options.principal, body });
}
