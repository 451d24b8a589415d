import { PASSWORD_MIN, type UserRecord } from "../../auth/index.ts";
import { html } from "../html.ts";
import { renderPage } from "../layout.ts";

/** The sign-in form: email and password; an API key (from `retain apikey create`) still works, behind a disclosure. */
export function signInPage(options: { next: string; error?: string; email?: string; withKey?: boolean }): string {
  const invalid = options.error ? html` aria-invalid="true" aria-describedby="sign-in-error"` : "";
  const body = html`<section class="narrow">
  <h1>Sign in</h1>
  ${options.error ? html`<p class="error" role="alert" id="sign-in-error">${options.error}</p>` : ""}
  <form method="post" action="/sign-in" class="stack" id="sign-in-form">
    <input type="hidden" name="next" value="${options.next}">
    <label for="email">Email</label>
    <input id="email" name="email" type="email" autocomplete="username" required value="${options.email ?? ""}"${invalid} autofocus>
    <label for="password">Password</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required${invalid}>
    <button type="submit">Sign in</button>
  </form>
  <p class="muted">No account yet? An admin adds you with <code>npx retain users add --email … --name … --role csm</code>
  and sends you a link to set your password. Sessions last 12 hours and end at once if you are revoked.</p>
  <details${options.withKey ? html` open` : ""}>
    <summary>Sign in with an API key instead</summary>
    <form method="post" action="/sign-in" class="stack" id="key-form">
      <input type="hidden" name="next" value="${options.next}">
      <label for="key">API key</label>
      <input id="key" name="key" type="password" autocomplete="off" required spellcheck="false" placeholder="rk_…">
      <button type="submit">Sign in with key</button>
    </form>
  </details>
</section>`;
  return renderPage({ title: "Sign in", principal: null, body });
}

/** The page of a one-time link: choose a password (twice), or why the link no longer works. */
export function setPasswordPage(options: { token: string; user: UserRecord | null; error?: string }): string {
  const { user } = options;
  const body = user
    ? html`<section class="narrow">
  <h1>Set your password</h1>
  <p>For <strong>${user.name}</strong> (${user.email}, ${user.role}). At least ${PASSWORD_MIN} characters; this link works once.</p>
  ${options.error ? html`<p class="error" role="alert" id="password-error">${options.error}</p>` : ""}
  <form method="post" action="/set-password" class="stack">
    <input type="hidden" name="token" value="${options.token}">
    <input type="hidden" name="email" autocomplete="username" value="${user.email}">
    <label for="password">New password</label>
    <input id="password" name="password" type="password" autocomplete="new-password" required minlength="${PASSWORD_MIN}" autofocus>
    <label for="confirm">Again</label>
    <input id="confirm" name="confirm" type="password" autocomplete="new-password" required minlength="${PASSWORD_MIN}">
    <button type="submit">Set password and sign in</button>
  </form>
</section>`
    : html`<section class="narrow">
  <h1>This link no longer works</h1>
  <p class="error" role="alert">It is unknown, already used or expired (links work once, for 24 hours).
  Ask an admin for a new one: <code>npx retain users link you@example.com</code>, or the Users page.</p>
  <p><a href="/sign-in">Sign in</a></p>
</section>`;
  return renderPage({ title: "Set your password", principal: null, body });
}
