import { OWNER_ROLES, roleAllows, type Principal } from "../auth/index.ts";
import { html, jsonScript, type SafeHtml } from "./html.ts";

/**
 * The main navigation; `shown` keeps an entry to those it is for (My accounts: users who own accounts; Unmatched:
 * csms and admins; Users: admins).
 */
export const NAV = [
  { key: "mine", href: "/at-risk?owner=me", label: "My accounts", shown: (p: Principal) => ownsAccounts(p) },
  { key: "at-risk", href: "/at-risk", label: "Everyone at risk", shown: () => true },
  { key: "kpis", href: "/kpis", label: "KPIs", shown: () => true },
  { key: "models", href: "/models", label: "Model", shown: () => true },
  { key: "outreach", href: "/outreach", label: "Outreach", shown: () => true },
  { key: "unmatched", href: "/unmatched", label: "Unmatched", shown: (p: Principal) => roleAllows(p.role, "csm") },
  { key: "users", href: "/users", label: "Users", shown: (p: Principal) => p.role === "admin" },
] as const;
export type NavKey = (typeof NAV)[number]["key"];

/** A signed-in person who can own accounts (a csm or admin user); keys own none. */
export function ownsAccounts(p: Principal): boolean {
  return p.kind === "user" && OWNER_ROLES.includes(p.role);
}

export interface PageOptions {
  title: string;
  principal: Principal | null;
  active?: NavKey;
  body: SafeHtml;
  /** Data for the page's script, in `<script type="application/json" id="page-data">`. */
  data?: unknown;
  /** Scripts under /assets/, loaded deferred in this order (chart.umd.js first when charts are drawn). */
  scripts?: string[];
}

function header(principal: Principal | null, active?: NavKey): SafeHtml {
  if (!principal) return html`<header class="top"><span class="brand">Retain</span></header>`;
  return html`<header class="top">
  <span class="brand">Retain</span>
  <nav aria-label="Main"><ul>${NAV.filter((n) => n.shown(principal)).map(
    (n) => html`<li><a href="${n.href}"${n.key === active ? html` aria-current="page"` : ""}>${n.label}</a></li>`,
  )}</ul></nav>
  <form method="post" action="/sign-out" class="who">
    <span>Signed in as <strong>${principal.name}</strong> <span class="role role-${principal.role}">${principal.role}</span></span>
    <button type="submit" class="link">Sign out</button>
  </form>
</header>`;
}

/** A whole HTML document: header with navigation and sign-out, main content, page data and deferred scripts. */
export function renderPage(o: PageOptions): string {
  const scripts = (o.scripts ?? []).map((s) => html`<script src="/assets/${s}" defer></script>`);
  return `<!doctype html>${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${o.title} · Retain</title>
<link rel="stylesheet" href="/assets/dashboard.css">
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
${scripts}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
${header(o.principal, o.active)}
<main id="main" tabindex="-1">
${o.body}
</main>
${o.data === undefined ? "" : jsonScript("page-data", o.data)}
</body>
</html>`}`;
}
