import { html } from "../html.ts";
import { renderPage } from "../layout.ts";

/** The sign-in form: an API key (from `retain apikey create`) starts a session for its role. */
export function signInPage(options: { next: string; error?: string }): string {
  const body = html`<section class="narrow">
  <h1>Sign in</h1>
  <p>Paste an API key. Create one with <code>npx retain apikey create --role csm</code> (or <code>viewer</code>, <code>admin</code>).
  The key is checked once and a session cookie is set; it lasts 12 hours and ends at once if the key is revoked.</p>
  ${options.error ? html`<p class="error" role="alert" id="sign-in-error">${options.error}</p>` : ""}
  <form method="post" action="/sign-in" class="stack">
    <input type="hidden" name="next" value="${options.next}">
    <label for="key">API key</label>
    <input id="key" name="key" type="password" autocomplete="current-password" required spellcheck="false"
      placeholder="rk_…"${options.error ? html` aria-invalid="true" aria-describedby="sign-in-error"` : ""} autofocus>
    <button type="submit">Sign in</button>
  </form>
</section>`;
  return renderPage({ title: "Sign in", principal: null, body });
}
