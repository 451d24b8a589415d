import type { Principal } from "../../auth/index.ts";
import { peopleTime, type SentEmail } from "../../outreach/index.ts";
import { html } from "../html.ts";
import { renderPage } from "../layout.ts";

/** A follow-up's email as it went out, from the stored copy: headers, the text part, the HTML part as escaped source. */
export function sentEmailPage(d: { principal: Principal; email: SentEmail; timeZone: string }): string {
  const e = d.email;
  const body = html`<h1>Email as sent</h1>
<p>Sent ${peopleTime(e.sentAt, d.timeZone)} to ${e.recipient}. This is the stored copy of the message the mail server
accepted, exactly as it went out.</p>
<h2>Headers</h2>
<div class="table-wrap"><table id="sent-headers"><caption class="visually-hidden">Headers of the sent email</caption>
<tbody>${e.headers.map((h) => html`<tr><th scope="row">${h.name}</th><td>${h.value}</td></tr>`)}</tbody></table></div>
<h2>Text</h2>
<pre id="sent-text" class="email-text">${e.text}</pre>
<h2>HTML</h2>
<p class="sub">Shown as source: nothing in it runs or loads here.</p>
<pre id="sent-html" class="email-text">${e.html}</pre>
<details><summary>The whole message (RFC 5322)</summary><pre id="sent-raw" class="email-text">${e.raw}</pre></details>
<p><a href="/outreach">← Outreach</a></p>`;
  return renderPage({ title: "Email as sent", principal: d.principal, active: "outreach", body });
}
