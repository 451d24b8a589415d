import type { Principal } from "../../auth/index.ts";
import type { OutgoingMail } from "../../mail/index.ts";
import { html, type SafeHtml } from "../html.ts";
import { renderPage } from "../layout.ts";

export interface PreviewPageData {
  principal: Principal;
  plays: string[];
  query: { play?: string; customer?: string };
  /** Customers matching the search when it is not one id. */
  matches: { externalId: string; name: string | null }[];
  preview: { play: string; template: string; realData: boolean; mail: OutgoingMail } | null;
  error?: string;
}

const who = (a?: { name?: string; address: string }) => (a ? (a.name ? `${a.name} <${a.address}>` : a.address) : "");

function rendered(p: NonNullable<PreviewPageData["preview"]>): SafeHtml {
  const m = p.mail;
  return html`<section aria-labelledby="preview-h"><h2 id="preview-h">${p.play} (${p.template})</h2>
${p.realData ? "" : html`<p class="flash">No ticket found: example data.</p>`}
<div class="table-wrap"><table id="preview-headers"><tbody>
<tr><th scope="row">From</th><td>${who(m.from)}</td></tr><tr><th scope="row">To</th><td>${who(m.to)}</td></tr>
<tr><th scope="row">Subject</th><td id="preview-subject">${m.subject}</td></tr>
${Object.entries(m.headers).map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${v}</td></tr>`)}
</tbody></table></div>
<h3>Text</h3><pre id="preview-text" class="email-text">${m.text}</pre>
<h3>HTML</h3><p class="sub">Shown as source: nothing in it runs or loads here.</p>
<pre id="preview-html" class="email-text">${m.html}</pre></section>`;
}

/** Preview any play with any customer: choose the play, search a customer by id or name, see the email it would get. */
export function outreachPreviewPage(d: PreviewPageData): string {
  const body = html`<h1>Preview a follow-up</h1>
<form method="get" action="/outreach/preview" class="filters" aria-label="Choose a play and a customer">
<div class="field"><label for="p-play">Play</label><select id="p-play" name="play">${d.plays.map(
    (p) => html`<option value="${p}"${p === d.query.play ? html` selected` : ""}>${p}</option>`,
  )}</select></div>
<div class="field"><label for="p-customer">Customer (id or name)</label>
<input id="p-customer" name="customer" value="${d.query.customer ?? ""}" maxlength="200"></div>
<div class="field actions"><button type="submit">Preview</button></div></form>
${d.error ? html`<p class="flash flash-error" role="alert">${d.error}</p>` : ""}
${
  d.matches.length
    ? html`<p>Several customers match:</p><ul id="preview-matches">${d.matches.map(
        (m) =>
          html`<li><a href="/outreach/preview?play=${encodeURIComponent(d.query.play ?? "")}&amp;customer=${encodeURIComponent(
            m.externalId,
          )}">${m.name ?? m.externalId} (${m.externalId})</a></li>`,
      )}</ul>`
    : ""
}
${d.preview ? rendered(d.preview) : ""}
<p><a href="/outreach">← Outreach</a></p>`;
  return renderPage({ title: "Preview a follow-up", principal: d.principal, active: "outreach", body });
}
