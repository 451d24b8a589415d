/**
 * Dashboard benchmark: server render time of every page and of the main API calls on a demo
 * world of 20,000 customers × 540 days (SQLite), with a trained, promoted model, two risk runs
 * and a pass of outreach decisions. Target: every page under 300 ms. The world is set up once
 * (cached under $TMPDIR/retain-bench/) and not timed.
 *   npm run bench:dashboard [-- --customers 20000 --days 540 --repeat 15 --setup-only]
 */
import { parseArgs } from "node:util";
import { createApp } from "../src/server/index.ts";
import { addOwnersAsUsers, createApiKey, listPeople, newPasswordLink, setPasswordWithLink } from "../src/auth/index.ts";
import { demoDatabase, peakRssMb } from "./lib/demo-database.ts";
import { prepareDashboardWorld } from "./lib/dashboard-world.ts";

const { values } = parseArgs({
  options: {
    customers: { type: "string", default: "20000" },
    days: { type: "string", default: "540" },
    repeat: { type: "string", default: "15" },
    "setup-only": { type: "boolean", default: false },
  },
});
const { db, dir, usageRows } = await demoDatabase({ customers: Number(values.customers), days: Number(values.days) });
console.log(
  `Retain dashboard benchmark: ${values.customers} customers × ${values.days} days, ${usageRows.toLocaleString("en")} usage rows (SQLite)`,
);
const world = await prepareDashboardWorld({ db, dir });
console.log(
  `world: model ${world.modelVersion}, run as of ${world.asOf} ` +
    `(${world.atRisk.toLocaleString("en")} at risk), ${world.decisions.toLocaleString("en")} ` +
    `outreach decisions`,
);
if (values["setup-only"]) {
  await db.close();
  process.exit(0);
}

const repeat = Math.max(1, Number(values.repeat));
const { key } = await createApiKey(db, { role: "admin", name: "bench" });
const app = createApp({ db, config: { dialect: "sqlite" }, rateLimitPerMinute: 1_000_000 });
const server = app.listen(0, "127.0.0.1");
await new Promise<void>((resolve) => server.once("listening", resolve));
const { port } = server.address() as { port: number };
const base = `http://127.0.0.1:${port}`;
const headers = { authorization: `Bearer ${key}` };
// A CSM's session for My accounts: the data's owners as users, the one owning the most signed in with a password.
await addOwnersAsUsers(db);
const [csm] = (await listPeople(db)).users.filter((u) => u.role === "csm").sort((a, b) => b.accounts - a.accounts);
const password = "bench password 0123";
await setPasswordWithLink(db, { token: (await newPasswordLink(db, csm.id)).link.token, password });
const signedIn = await fetch(`${base}/api/v1/session`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ email: csm.email, password }),
});
const csmHeaders = { cookie: (signedIn.headers.get("set-cookie") ?? "").split(";")[0] };

const customer = encodeURIComponent(world.sampleCustomer);
const targets: [string, string, Record<string, string>?][] = [
  ["page  at-risk list", "/at-risk"],
  [`page  My accounts (${csm.accounts} accounts, a CSM's session)`, "/at-risk?owner=me", csmHeaders],
  ["page  at-risk, filtered + sorted by MRR at risk", "/at-risk?band=high&hasOpenTicket=true&sort=mrrAtRisk"],
  ["page  at-risk, page 20", "/at-risk?offset=1000"],
  ["page  at-risk, everyone sorted by renewal", "/at-risk?scope=all&sort=renewal&order=asc"],
  ["page  at-risk, snoozed view", "/at-risk?scope=snoozed"],
  ["page  customer", `/customers/${customer}`],
  ["page  KPIs", "/kpis"],
  ["page  model", "/models"],
  ["page  outreach", "/outreach"],
  ["page  users", "/users"],
  ["api   GET /at-risk", "/api/v1/at-risk?limit=50"],
  [
    "api   GET /at-risk (owner + plan filter, change sort)",
    `/api/v1/at-risk?plan=${encodeURIComponent(world.samplePlan)}&sort=change`,
  ],
  ["api   GET /at-risk?scope=all&sort=renewal", "/api/v1/at-risk?scope=all&sort=renewal&limit=50"],
  ["api   GET /at-risk.csv (whole list)", "/api/v1/at-risk.csv"],
  ["api   GET /customers/:id", `/api/v1/customers/${customer}`],
  ["api   GET /kpis?by=month", "/api/v1/kpis?by=month"],
  ["api   GET /models", "/api/v1/models"],
  ["api   GET /outreach/report", "/api/v1/outreach/report"],
  ["api   GET /outreach/log", "/api/v1/outreach/log"],
];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
console.log(`\n${"what".padEnd(56)} ${"first".padStart(8)} ${"median".padStart(8)} ${"p95".padStart(8)}  bytes`);
let worst = 0;
for (const [label, path, as = headers] of targets) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < repeat + 1; i++) {
    const t = performance.now();
    const res = await fetch(base + path, { headers: as });
    const body = await res.arrayBuffer();
    times.push(performance.now() - t);
    bytes = body.byteLength;
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${Buffer.from(body).toString("utf8").slice(0, 300)}`);
  }
  const [first, ...rest] = times;
  const sorted = rest.sort((a, b) => a - b);
  const median = percentile(sorted, 0.5);
  if (label.startsWith("page")) worst = Math.max(worst, median);
  console.log(
    `${label.padEnd(56)} ${first.toFixed(1).padStart(6)} ms ${median.toFixed(1).padStart(6)} ms ` +
      `${percentile(sorted, 0.95).toFixed(1).padStart(6)} ms  ${bytes.toLocaleString("en")}`,
  );
}
// A cold KPI report runs in the report thread: other pages must not wait for it.
const timed = async (path: string) => {
  const t = performance.now();
  const res = await fetch(base + path, { headers });
  await res.arrayBuffer();
  return performance.now() - t;
};
const report = timed("/api/v1/kpis?by=month&windowDays=61");
await new Promise((r) => setTimeout(r, 30));
const during = await timed(`/customers/${customer}`);
console.log(
  `customer page while an uncached KPI report (${(await report).toFixed(0)} ms) runs: ${during.toFixed(1)} ms`,
);
console.log(`\nslowest page (median): ${worst.toFixed(1)} ms (target < 300 ms)   peak RSS ${peakRssMb()} MB`);
server.closeAllConnections();
server.close();
await db.close();
