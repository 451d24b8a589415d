import type { TicketCategory } from "./demo-contract.ts";
import type { Random } from "./random.ts";

/**
 * Word lists for names, ticket subjects and survey comments. Some entries hold commas,
 * quotes or a newline on purpose, so every file exercises RFC 4180 quoting.
 */
export const FIRST_NAMES = [
  "Ava",
  "Liam",
  "Maya",
  "Noah",
  "Sofia",
  "Ethan",
  "Priya",
  "Lucas",
  "Chloe",
  "Omar",
  "Hana",
  "Mateo",
  "Grace",
  "Arjun",
  "Elena",
  "Jonas",
  "Zoe",
  "Kenji",
  "Amara",
  "Felix",
  "Nora",
  "Diego",
  "Leila",
  "Samuel",
  "Ines",
  "Victor",
  "Yara",
  "Hugo",
  "Mila",
  "Tariq",
  "Clara",
  "Ravi",
  "Freya",
  "Andre",
  "Sana",
  "Oscar",
] as const;

export const LAST_NAMES = [
  "Chen",
  "Garcia",
  "Okafor",
  "Muller",
  "Rossi",
  "Nguyen",
  "Patel",
  "Kowalski",
  "Silva",
  "Johansson",
  "Kim",
  "Dubois",
  "Haddad",
  "Tanaka",
  "Murphy",
  "Novak",
  "Costa",
  "Schmidt",
  "Ali",
  "Jensen",
  "Moreau",
  "Ito",
  "Fischer",
  "Santos",
  "Brown",
  "Larsen",
  "Ramirez",
  "Weber",
  "Adeyemi",
  "Olsen",
  "Park",
  "Reyes",
] as const;

const COMPANY_FIRST = [
  "Blue",
  "North",
  "Bright",
  "Silver",
  "Red",
  "Green",
  "Summit",
  "Harbor",
  "Iron",
  "Cedar",
  "Atlas",
  "Nova",
  "Pioneer",
  "Lumen",
  "Granite",
  "Maple",
  "Orbit",
  "Vertex",
  "Coastal",
  "Prairie",
  "Crescent",
  "Falcon",
  "Union",
  "Beacon",
  "Evergreen",
  "Quartz",
  "Sterling",
  "Aurora",
  "Copper",
  "Willow",
] as const;

const COMPANY_SECOND = [
  "Ridge",
  "Wave",
  "Point",
  "Field",
  "Stone",
  "Bridge",
  "Path",
  "Light",
  "Works",
  "Labs",
  "Forge",
  "Gate",
  "Peak",
  "River",
  "Leaf",
  "Line",
  "Sky",
  "Grove",
  "Harvest",
  "Trail",
] as const;

const COMPANY_KIND = [
  "Logistics",
  "Analytics",
  "Health",
  "Foods",
  "Software",
  "Dental",
  "Legal",
  "Media",
  "Robotics",
  "Energy",
  "Retail",
  "Travel",
  "Studios",
  "Finance",
  "Builders",
  "Education",
  "Biotech",
  "Marine",
  "Consulting",
  "Apparel",
] as const;

/** A plausible company name; about 3% carry a comma or quotes. */
export function companyName(rng: Random): string {
  const roll = rng.next();
  if (roll < 0.02) return `${rng.pick(LAST_NAMES)}, ${rng.pick(LAST_NAMES)} & Partners`;
  if (roll < 0.03) return `"${rng.pick(COMPANY_FIRST)}" ${rng.pick(COMPANY_KIND)} Co.`;
  const base = `${rng.pick(COMPANY_FIRST)}${rng.pick(COMPANY_SECOND).toLowerCase()} ${rng.pick(COMPANY_KIND)}`;
  return roll < 0.3 ? `${base} Inc.` : roll < 0.45 ? `${base} GmbH` : roll < 0.55 ? `${base} Ltd` : base;
}

/** Lower-case DNS label from any text: "Blue Ridge, Inc." → "blue-ridge-inc". */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** Short ticket subjects by category. */
export const SUBJECTS: Readonly<Record<TicketCategory, readonly string[]>> = {
  billing: [
    "Invoice shows the wrong amount, please fix",
    'Charged twice for "Pro" seats',
    "Update billing address",
    "Need a copy of last month's invoice",
    "Card declined, but the bank says it's fine",
    "Question about proration after adding seats",
  ],
  bug: [
    "Export to CSV fails with a 500 error",
    'Dashboard shows "No data" since yesterday',
    "Report totals don't match, numbers off by 10%",
    "Mobile app crashes on login",
    "Filters reset every time I open the page",
    "Webhook retries never stop",
  ],
  "how-to": [
    "How do I add a new user?",
    "Setting up SSO with Okta",
    "Best way to import historical data?",
    'What does "active user" mean in reports?',
    "Can we schedule reports weekly, not daily?",
    "Connecting the Slack integration",
  ],
  outage: [
    "App is down for our whole team",
    "Very slow, pages time out",
    "Cannot log in, SSO error",
    'API returns "503 Service Unavailable"',
  ],
  account: [
    "Transfer account ownership",
    "Reset 2FA for a user who lost their phone",
    "Remove a former employee, urgently",
    "Change our workspace name",
  ],
  "feature request": [
    "Please add dark mode",
    "Feature request: bulk edit, undo",
    'Allow "read-only" role for contractors',
    "Would love a Salesforce integration",
  ],
};

/** Subjects of tickets that announce a cancellation. */
export const CANCEL_SUBJECTS = [
  "Please cancel our subscription at renewal",
  "How do we export all our data?",
  "Downgrade options, or cancel?",
] as const;

/** Survey comments by sentiment (negative, neutral, positive). */
export const COMMENTS = {
  negative: [
    "Took far too long to resolve.",
    'Support said "fixed" but it was not, had to reopen.',
    "Too expensive for what we use, honestly",
    "Nobody answered for two days",
    "Product keeps breaking, we are evaluating alternatives",
  ],
  neutral: [
    "OK",
    "Fine, but the docs could be clearer",
    "Solved eventually, thanks",
    "Does the job, a few rough edges",
  ],
  positive: [
    "Great support, fast and friendly!",
    "Love the product, the team uses it daily",
    "Quick fix, thank you",
    'Agent was "super" helpful, thanks',
    "Great support.\nThanks again!",
  ],
} as const;
