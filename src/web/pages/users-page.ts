import { ROLES, type Principal, type UserRecord } from "../../auth/index.ts";
import { count, dateTime } from "../format.ts";
import { html, type SafeHtml } from "../html.ts";
import { renderPage } from "../layout.ts";

/** What the last post did: a message, and a new set-password link to hand over (shown this once). */
export interface UsersPageNotice {
  tone: "done" | "error";
  text: string;
  link?: { url: string; email: string; expiresAt: Date };
}

function roleOptions(selected: string): SafeHtml[] {
  return ROLES.map((r) => html`<option value="${r}"${r === selected ? html` selected` : ""}>${r}</option>`);
}

type Person = UserRecord & { accounts: number };

function userRow(u: Person, me: Principal): SafeHtml {
  const self = me.kind === "user" && me.id === u.id;
  const status = u.disabledAt
    ? `revoked ${dateTime(u.disabledAt)}`
    : u.passwordSetAt
      ? "active"
      : "link sent, no password yet";
  return html`<tr data-user="${u.email}"${u.disabledAt ? html` class="revoked"` : ""}>
<th scope="row">${u.name}<span class="sub">${u.email}</span></th>
<td><form method="post" action="/users" class="inline">
  <input type="hidden" name="action" value="role"><input type="hidden" name="id" value="${u.id}">
  <label class="visually-hidden" for="role-${u.id}">Role of ${u.name}</label>
  <select id="role-${u.id}" name="role"${self ? html` disabled` : ""}>${roleOptions(u.role)}</select>
  ${self ? "" : html`<button type="submit" class="secondary">Change</button>`}
</form></td>
<td class="num">${u.accounts ? html`<a href="/at-risk?owner=${encodeURIComponent(u.email)}">${count(u.accounts)}</a>` : "0"}</td>
<td>${status}</td><td>${dateTime(u.lastSignInAt)}</td>
<td>${
    self
      ? html`<span class="sub">you</span>`
      : html`<form method="post" action="/users" class="inline">
  <input type="hidden" name="id" value="${u.id}">
  ${u.disabledAt ? "" : html`<button type="submit" name="action" value="link" class="secondary">New link</button>`}
  <button type="submit" name="action" value="${u.disabledAt ? "restore" : "revoke"}" class="secondary">${
    u.disabledAt ? "Restore" : "Revoke"
  }</button>
</form>`
  }</td></tr>`;
}

/** Owner emails in the data that match no user: their accounts are in nobody's My accounts until an admin adds them. */
function unmatched(owners: { email: string; accounts: number }[]): SafeHtml | "" {
  if (!owners.length) return "";
  return html`<section aria-labelledby="unmatched-h" id="unmatched-owners"><h2 id="unmatched-h">Owners without a user</h2>
<p class="muted">These <code>owner_email</code>s in your data are nobody's user yet: add them to give them their accounts.</p>
<ul>${owners.map(
    (o) =>
      html`<li><a href="/at-risk?owner=${encodeURIComponent(o.email)}">${o.email}</a> · ${count(o.accounts)} ${
        o.accounts === 1 ? "account" : "accounts"
      }</li>`,
  )}</ul></section>`;
}

/** Admins' page of people: who can sign in, their roles, and links to set a password; add, change, revoke, restore. */
export function usersPage(d: {
  principal: Principal;
  users: Person[];
  unmatchedOwners: { email: string; accounts: number }[];
  notice?: UsersPageNotice;
}): string {
  const n = d.notice;
  const body = html`<h1>Users</h1>
<p class="muted">People sign in with their email and password; customers whose <code>owner_email</code> is a user's email are
that user's accounts (My accounts). API keys (<code>retain apikey</code>) stay for machines and scripts.</p>
${
  n
    ? html`<div id="flash" class="flash flash-${n.tone}" role="${n.tone === "error" ? "alert" : "status"}"><p>${n.text}</p>${
        n.link
          ? html`<p>Send ${n.link.email} this link to set their password. It works once, until ${dateTime(n.link.expiresAt)},
and is not shown again:</p><p><input id="password-link" class="copy" readonly value="${n.link.url}" aria-label="Set-password link"></p>`
          : ""
      }</div>`
    : ""
}
<div class="table-wrap"><table id="users">
<caption>${d.users.length} ${d.users.length === 1 ? "user" : "users"}, by name</caption>
<thead><tr><th scope="col">Person</th><th scope="col">Role</th><th scope="col" class="num">Accounts</th><th scope="col">Status</th>
<th scope="col">Last sign-in</th><th scope="col">Access</th></tr></thead>
<tbody>${
    d.users.length
      ? d.users.map((u) => userRow(u, d.principal))
      : html`<tr><td colspan="6" class="empty">No users yet: add the first one below.</td></tr>`
  }</tbody></table></div>
${unmatched(d.unmatchedOwners)}
<section aria-labelledby="add-h" class="card narrow"><h2 id="add-h">Add a user</h2>
<form method="post" action="/users" class="stack" id="add-user">
  <input type="hidden" name="action" value="add">
  <label for="new-email">Email</label><input id="new-email" name="email" type="email" required maxlength="320">
  <label for="new-name">Name</label><input id="new-name" name="name" type="text" required maxlength="200">
  <label for="new-role">Role</label><select id="new-role" name="role">${roleOptions("csm")}</select>
  <button type="submit">Add and get their link</button>
</form></section>`;
  return renderPage({ title: "Users", principal: d.principal, active: "users", body });
}
