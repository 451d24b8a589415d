import { s, type Schema } from "./json-schema.ts";

/** One model's scores on a promotion comparison's rows. */
const modelOnRows = s.obj({ version: s.str(), auc: s.num(), logLoss: s.num(), brier: s.num() });

const share = s.obj(
  {
    n: s.int("retained + churned (decided windows)"),
    retained: s.int(),
    churned: s.int(),
    pending: s.int("windows not ended: not in n"),
    rate: s.nul(s.num("percent")),
    ci95: s.arr(s.num(), "Wilson 95 % interval, percent"),
  },
  { open: true },
);

const armSummary = s.obj({
  assigned: s.int(),
  waiting: s.int(),
  reached: s.int(),
  failed: s.int(),
  cancelled: s.obj({ total: s.int(), byReason: s.map(s.int()) }),
  stayed: s.int(),
  churned: s.int(),
  windowOpen: s.int(),
  retention: s.obj({ rate: s.nul(s.num("percent")), ci95: s.nul(s.arr(s.num())) }),
});

const outreachSummary = s.obj({
  followUps: s.int(),
  scheduled: s.int(),
  sent: s.int(),
  heldOut: s.int(),
  suppressed: s.obj({ total: s.int(), byReason: s.map(s.int()) }),
  treatment: s.ref("ArmSummary"),
  holdout: s.ref("ArmSummary"),
  difference: s.nul(
    s.obj({ points: s.num("treated − holdout retention, percentage points"), ci95: s.arr(s.num()), method: s.str() }),
  ),
});

const stateView = s.obj({
  customerId: s.str(),
  owner: s.nul(s.str("the effective owner: the override, else the imported owner_email")),
  ownerOverride: s.nul(s.str()),
  snoozedUntil: s.nul(s.time()),
  lastContactedAt: s.nul(s.time()),
});

const decision = s.obj({
  id: s.int(),
  followUpId: s.int(),
  customerId: s.str(),
  customerName: s.nul(s.str()),
  ticketId: s.str(),
  play: s.str(),
  arm: s.enum(["treatment", "holdout"]),
  status: s.str("scheduled | held_for_review | held_out | suppressed | sent | failed | cancelled | deferred"),
  reason: s.nul(s.str()),
  detail: s.nul(s.str()),
  words: s.str('status and reason as a sentence: "Not sent: emailed 3 days ago, within the 14-day limit"'),
  runId: s.nul(s.int()),
  modelVersion: s.nul(s.str()),
  score: s.nul(s.num()),
  drivers: s.nul(s.arr(s.ref("Driver"), "the reasons the decision was made on")),
  rule: s.nul(s.str("JSON at-risk rule")),
  template: s.str(),
  plannedAt: s.time(),
  sentAt: s.nul(s.time("when the email really went")),
  emailUrl: s.nul(s.str("the dashboard page of the email as it went out (headers, text, HTML)")),
  at: s.time(),
});

const modelScores = s.obj(
  Object.fromEntries(
    ["auc", "prAuc", "brier", "lift10", "ece", "precision", "recall", "rows", "prevalence"].map((k) => [
      k,
      s.nul(s.num()),
    ]),
  ),
);

const modelSummary = {
  version: s.str(),
  kind: s.str(),
  status: s.enum(["candidate", "active", "retired"]),
  source: s.enum(["database", "csv"]),
  createdAt: s.time(),
  promotedAt: s.nul(s.time()),
  threshold: s.num("at-risk threshold on the calibrated probability"),
  validation: s.ref("ModelScores"),
  test: s.nul(s.ref("ModelScores")),
  training: s.obj({}, { open: true, description: "training window and data fingerprint" }),
};

/** The named schemas of the document (components.schemas). */
export const schemas: Record<string, Schema> = {
  Error: s.obj(
    {
      error: s.obj(
        {
          code: s.enum([
            "BAD_INPUT",
            "BAD_CONFIG",
            "FILE_REFUSED",
            "NOT_FOUND",
            "CONFLICT",
            "UNAUTHORIZED",
            "FORBIDDEN",
            "PAYLOAD_TOO_LARGE",
            "RATE_LIMITED",
            "NO_ACTIVE_MODEL",
            "DATABASE",
            "INTERNAL",
          ]),
          message: s.str("what was expected and what was found"),
          details: {},
        },
        { optional: ["details"] },
      ),
    },
    { description: "The one error shape of the API." },
  ),
  Driver: s.obj({
    feature: s.str(),
    text: s.str("the reason in words"),
    value: { type: ["number", "string", "null"] },
    delta: s.num("how much it raises the probability"),
  }),
  LastTicket: s.obj({
    externalId: s.str(),
    subject: s.nul(s.str()),
    status: s.str(),
    channel: s.str(),
    createdAt: s.time(),
    closedAt: s.nul(s.time()),
  }),
  AtRiskItem: s.obj({
    customerId: s.str(),
    name: s.nul(s.str()),
    plan: s.nul(s.str()),
    segment: s.nul(s.str()),
    owner: s.nul(s.str()),
    probability: s.num(),
    band: s.enum(["high", "medium", "low"]),
    atRisk: s.bool(),
    mrr: s.num(),
    mrrAtRisk: s.num("probability × MRR"),
    drivers: s.arr(s.ref("Driver"), "top 3"),
    previous: s.nul(s.num("probability in the previous run")),
    delta: s.nul(s.num("probability − previous")),
    change: s.enum(["new", "up", "down", "same"]),
    openTickets: s.int(),
    lastTicket: s.nul(s.ref("LastTicket")),
    lastCsat: s.nul(s.obj({ score: s.int(), respondedAt: s.time() })),
    lastContactedAt: s.nul(s.time()),
    renewalDate: s.nul(s.day("the next renewal from the signup date and the plan's cycle; null when unknown")),
    daysToRenewal: s.nul(s.int("whole days from today (UTC) to renewalDate")),
    snoozedUntil: s.nul(s.time("the snooze's end while the customer is snoozed")),
    snoozeReason: s.nul(s.str("the reason given with the snooze, while the customer is snoozed")),
  }),
  AtRiskSummary: s.obj({
    run: s.nul(s.obj({ id: s.int(), asOf: s.time(), modelVersion: s.str(), previousAsOf: s.nul(s.time()) })),
    atRisk: s.obj({
      count: s.int(),
      mrrAtRisk: s.num("Σ probability × MRR"),
      countChange: s.nul(s.int("since the previous complete run")),
      mrrAtRiskChange: s.nul(s.num("since the previous complete run")),
    }),
    previous: s.nul(s.obj({ count: s.int(), mrrAtRisk: s.num() })),
    newlyAtRisk: s.int(),
    noLongerAtRisk: s.int(),
    snoozed: s.int(),
    bands: s.obj({ high: s.int(), medium: s.int(), low: s.int() }),
    history: s.arr(s.obj({ asOf: s.time(), atRisk: s.int("as scored") }), "recent complete runs, oldest first"),
  }),
  AtRiskList: s.obj({
    run: s.nul(s.obj({ id: s.int(), asOf: s.time(), modelVersion: s.str(), previousAsOf: s.nul(s.time()) })),
    total: s.int("customers matching the filters"),
    limit: s.int(),
    offset: s.int(),
    nextCursor: s.nul(s.str("pass as cursor for the next page")),
    items: s.arr(s.ref("AtRiskItem")),
  }),
  CustomerState: stateView,
  Note: s.obj({
    id: s.int(),
    customerId: s.str(),
    author: s.str(),
    body: s.str(),
    createdAt: s.time(),
    editedAt: s.nul(s.time()),
  }),
  CustomerDetail: s.obj({
    customer: s.obj({
      id: s.str(),
      externalId: s.str(),
      name: s.nul(s.str()),
      email: s.nul(s.str()),
      plan: s.nul(s.str()),
      mrr: s.num(),
      signupDate: s.time(),
      churnDate: s.nul(s.time()),
      segment: s.nul(s.str()),
      timezone: s.str(),
      importedOwner: s.nul(s.str()),
      owner: s.nul(s.str()),
    }),
    state: s.obj({
      ownerOverride: s.nul(s.str()),
      snoozedUntil: s.nul(s.time()),
      snoozed: s.bool(),
      lastContactedAt: s.nul(s.time()),
      unsubscribedAt: s.nul(s.time()),
      bouncedAt: s.nul(s.time()),
      churned: s.bool("a churn date on or before now: no CSM actions"),
    }),
    risk: s.obj({
      latest: s.nul(
        s.obj({
          asOf: s.time(),
          modelVersion: s.str(),
          probability: s.num(),
          band: s.str(),
          atRisk: s.bool(),
          change: s.str(),
          previous: s.nul(s.num()),
          mrrAtRisk: s.num(),
          drivers: s.arr(s.ref("Driver")),
        }),
      ),
      history: s.arr(
        s.obj({
          asOf: s.time(),
          probability: s.num(),
          band: s.str(),
          atRisk: s.bool(),
          modelVersion: s.str(),
          threshold: s.nul(s.num("the run's at-risk cutoff: a threshold rule, or the lowest probability flagged")),
        }),
        "one point per complete run, oldest first",
      ),
    }),
    tickets: s.arr(
      s.obj({
        externalId: s.str(),
        createdAt: s.time(),
        subject: s.nul(s.str()),
        channel: s.str(),
        priority: s.str(),
        category: s.nul(s.str()),
        status: s.str(),
        agentName: s.nul(s.str()),
        firstResponseAt: s.nul(s.time()),
        resolvedAt: s.nul(s.time()),
        closedAt: s.nul(s.time()),
        reopenedCount: s.int(),
      }),
    ),
    surveys: s.arr(
      s.obj({
        externalId: s.str(),
        kind: s.enum(["csat", "nps", "ces"]),
        score: s.int(),
        respondedAt: s.time(),
        ticketId: s.nul(s.str()),
        comment: s.nul(s.str()),
      }),
    ),
    usage: s.obj({
      from: s.day(),
      to: s.day("last day, inclusive"),
      activeFrom: s.nul(s.day("first day in the window the customer had signed up")),
      activeTo: s.nul(s.day("last day in the window before churn")),
      metrics: s.arr(
        s.obj({
          metric: s.str(),
          gauge: s.bool("a level per day (active users): average it, do not sum it"),
          values: s.arr(s.num(), "one value per day from `from`; a missing day is 0"),
        }),
      ),
    }),
    outreach: s.arr(s.ref("DecisionLogEntry"), "every outreach decision about the customer, newest first"),
    notes: s.arr(
      s.obj({ id: s.int(), author: s.str(), body: s.str(), createdAt: s.time(), editedAt: s.nul(s.time()) }),
      "newest first",
    ),
    timeline: s.obj({
      kinds: s.nul(s.arr(s.str(), "the kinds kept; null: every kind")),
      items: s.arr(
        s.obj({
          at: s.time(),
          kind: s.enum(["ticket", "survey", "email", "note", "owner", "snooze", "contact", "risk"]),
          title: s.str(),
          detail: s.nul(s.str()),
          actor: s.nul(s.str("who did it: a user's email, an API key's label, an agent's name")),
        }),
        "newest first",
      ),
    }),
    owners: s.arr(
      s.obj({ email: s.str(), name: s.str() }),
      "the users who can own accounts (active csms and admins), by name: the owner choices",
    ),
  }),
  ModelScores: modelScores,
  ModelSummary: s.obj(modelSummary),
  ModelList: s.obj({
    active: s.nul(s.str()),
    versions: s.arr(s.ref("ModelSummary"), "newest first"),
    sameRows: s.nul(
      s.obj({
        window: s.str("the version whose test window the rows are (the newest comparison)"),
        dates: s.arr(s.day()),
        rows: s.int(),
        at: s.time(),
        scores: s.map(s.obj({ auc: s.num(), logLoss: s.num(), brier: s.num() }), "by version"),
      }),
    ),
    events: s.arr(
      s.obj({
        version: s.str(),
        action: s.enum(["promote", "rollback", "refused", "retraining_failed"]),
        previous: s.nul(s.str()),
        reason: s.nul(s.str()),
        actor: s.nul(s.str("who: a user's email, an API key's label, cli:<user> or retraining")),
        at: s.time(),
      }),
      "newest first",
    ),
  }),
  ModelDetail: s.obj({
    ...modelSummary,
    curves: s.obj({
      roc: s.arr(s.obj({ threshold: s.nul(s.num()), fpr: s.num(), tpr: s.num() })),
      calibration: s.arr(
        s.obj({
          lower: s.num(),
          upper: s.num(),
          count: s.int(),
          meanPredicted: s.nul(s.num()),
          observedRate: s.nul(s.num()),
        }),
      ),
      lift: s.arr(s.obj({ depth: s.num(), cumulativeLift: s.nul(s.num()), capture: s.nul(s.num()) })),
    }),
    importance: s.arr(s.obj({ feature: s.str(), label: s.str("short name for people"), importance: s.num() })),
    baseline: s.nul(s.obj({}, { open: true })),
    baselines: s.obj({ validation: s.obj({}, { open: true }), test: s.nul(s.obj({}, { open: true })) }),
    candidates: s.arr(s.obj({}, { open: true })),
    comparedWith: s.nul(s.obj({ version: s.str(), auc: s.nul(s.num()) })),
  }),
  PromotionResult: s.obj({
    version: s.str(),
    previous: s.nul(s.str()),
    forced: s.bool(),
    candidateAuc: s.nul(s.num()),
    activeAuc: s.nul(s.num()),
    comparison: s.nul(
      s.obj({
        window: s.str("the version whose test window the rows are"),
        dates: s.arr(s.day()),
        rows: s.int(),
        candidate: modelOnRows,
        active: modelOnRows,
        auc: s.obj({
          difference: s.num("AUC(candidate) − AUC(active)"),
          low: s.num("2.5th percentile of the paired bootstrap"),
          high: s.num("97.5th percentile"),
          resamples: s.int(),
          seed: s.int(),
          ms: s.num(),
        }),
        logLossDifference: s.num("candidate − active: above 0 is worse"),
        activeSawDates: s.int("dates within one horizon of the active model's training dates"),
        others: s.arr(modelOnRows),
      }),
    ),
    verdict: s.nul(s.obj({ earns: s.bool(), figures: s.str(), misses: s.arr(s.str()) })),
  }),
  RollbackResult: s.obj({ version: s.str("now active"), from: s.str("was active") }),
  AlertAcknowledgement: s.obj({ id: s.int(), acknowledgedBy: s.str("the admin's email or key label") }),
  Session: s.obj(
    {
      kind: s.enum(["user", "key"]),
      id: s.int("the user's or API key's id"),
      role: s.enum(["viewer", "csm", "admin"]),
      name: s.str(),
      email: s.nul(s.str("the user's email; null for a key")),
      actor: s.str("what the customer timeline records as who did it"),
      via: s.enum(["key", "session"]),
    },
    { optional: ["via"] },
  ),
  SignedIn: s.obj({
    kind: s.enum(["user", "key"]),
    id: s.int(),
    role: s.enum(["viewer", "csm", "admin"]),
    name: s.str(),
    email: s.nul(s.str()),
    actor: s.str(),
    expiresInSeconds: s.int(),
  }),
  User: s.obj({
    id: s.int(),
    email: s.str(),
    name: s.str(),
    role: s.enum(["viewer", "csm", "admin"]),
    createdAt: s.time(),
    passwordSetAt: s.nul(s.time("null until they set a password through their link")),
    lastSignInAt: s.nul(s.time()),
    disabledAt: s.nul(s.time("set when revoked")),
  }),
  PasswordLink: s.obj({
    url: s.str("the one-time link to set the password: shown once"),
    expiresAt: s.time(),
  }),
  ApiKey: s.obj({
    id: s.int(),
    name: s.str(),
    role: s.str(),
    prefix: s.str(),
    createdAt: s.time(),
    lastUsedAt: s.nul(s.time()),
    revokedAt: s.nul(s.time()),
  }),
  CreatedApiKey: s.obj({
    id: s.int(),
    name: s.str(),
    role: s.str(),
    prefix: s.str(),
    createdAt: s.time(),
    lastUsedAt: s.nul(s.time()),
    revokedAt: s.nul(s.time()),
    key: s.str("the full key: shown once, never stored"),
  }),
  IngestResult: s.obj({
    kind: s.enum(["customers", "agents", "usage", "tickets", "surveys"]),
    received: s.int(),
    new: s.int(),
    updated: s.int(),
    unchanged: s.int(),
    rejected: s.int(),
    errors: s.arr(s.obj({ index: s.int(), column: s.str(), reason: s.str() })),
  }),
  RetentionShare: share,
  KpiReport: s.obj(
    {
      period: s.obj({ label: s.str(), firstDay: s.day(), lastDay: s.day(), days: s.int(), months: s.num() }),
      now: s.time(),
      windowDays: s.int(),
      crrPendingReason: s.nul(
        s.str(
          "why the CRR has no decided windows yet (no risk run in the period, nobody at risk, windows " +
            "still open); null once any is decided",
        ),
      ),
      crr: s.obj(
        {
          denominator: s.int(),
          numerator: s.int(),
          rate: s.nul(s.num()),
          churned: s.int(),
          pending: s.int(),
          noInteraction: s.int(),
          decided: s.ref("RetentionShare"),
        },
        { open: true },
      ),
      customers: s.obj(
        {},
        {
          open: true,
          description:
            "atStart, atEnd, new, churned, retentionRate, churnRate, mrrAtStart, mrrChurned, revenueChurnRate",
        },
      ),
      satisfaction: s.obj(
        {},
        {
          open: true,
          description:
            "csat { responses, satisfied, score }, nps { responses, promoters, detractors, score }, ces { responses, mean }",
        },
      ),
      tickets: s.obj(
        {},
        {
          open: true,
          description:
            "created, firstResponse, resolution (n, medianHours, meanHours), resolvedByEnd, resolutionRate, byChannel",
        },
      ),
      value: s.obj({}, { open: true, description: "arpa, monthlyChurnRate, clv, spend, costPerRetained" }),
      breakdown: s.nul(
        s.obj({
          by: s.enum(["month", "plan", "segment", "channel", "agent"]),
          rows: s.arr(s.obj({ key: s.str() }, { open: true })),
        }),
      ),
      analyses: s.obj({
        retentionByResolutionTime: s.obj(
          {
            buckets: s.arr(s.ref("RetentionShare")),
            fasterPays: s.nul(s.bool()),
            stopsPayingAt: s.nul(s.str()),
            finding: s.str(),
          },
          { open: true },
        ),
        retentionByChannel: s.arr(s.ref("RetentionShare")),
        atRiskOpenTickets: s.obj({}, { open: true }),
        agents: s.arr(s.ref("RetentionShare")),
      }),
      support: s.obj(
        {
          current: s.ref("SupportSnapshot"),
          previous: s.ref("SupportSnapshot"),
          changes: s.obj({
            firstResponseMedianHours: s.ref("KpiChange"),
            resolutionMedianHours: s.ref("KpiChange"),
            resolutionRate: s.ref("KpiChange"),
            created: s.ref("KpiChange"),
            byChannel: s.map(s.ref("KpiChange"), "per channel of either period, largest current volume first"),
            atRiskWithOpenTickets: s.ref("KpiChange"),
          }),
          previousOpenTickets: s.map(
            s.int(),
            "open tickets at the previous period's end of each customer in analyses.atRiskOpenTickets, by customer id",
          ),
        },
        { description: "the support KPIs of the period beside the previous one (same length, immediately before)" },
      ),
    },
    { description: "Rates and intervals in percent (see README “KPI definitions”)." },
  ),
  SupportSnapshot: s.obj({
    period: s.obj({ label: s.str(), firstDay: s.day(), lastDay: s.day() }),
    created: s.int("tickets created in the period"),
    resolvedByEnd: s.int(),
    resolutionRate: s.nul(s.num("percent")),
    firstResponse: s.ref("DurationStats"),
    resolution: s.ref("DurationStats"),
    byChannel: s.map(s.int()),
    atRiskOpenTickets: s.obj({
      at: s.time("the period's end, or now if sooner"),
      runAsOf: s.nul(s.day("the latest complete risk run on or before `at`")),
      atRisk: s.int(),
      withOpenTickets: s.int(),
    }),
  }),
  DurationStats: s.obj({ n: s.int(), medianHours: s.nul(s.num()), meanHours: s.nul(s.num()) }),
  KpiChange: s.obj({
    current: s.nul(s.num()),
    previous: s.nul(s.num()),
    difference: s.nul(s.num("current − previous (percentage points for rates)")),
    percent: s.nul(s.num("difference ÷ previous × 100; null when previous is 0")),
    direction: s.nul(s.enum(["up", "down", "same"])),
    verdict: s.nul(s.enum(["better", "worse", "same"], "null when neutral (volume)")),
  }),
  ArmSummary: armSummary,
  OutreachSummary: outreachSummary,
  OutreachReport: s.obj({
    generatedAt: s.time(),
    filters: s.obj({ play: s.str(), from: s.day(), to: s.day() }, { optional: ["play", "from", "to"] }),
    total: s.ref("OutreachSummary"),
    byPlay: s.map(s.ref("OutreachSummary")),
    byMonth: s.map(s.ref("OutreachSummary"), "by month of the planned send, YYYY-MM"),
  }),
  DecisionLogEntry: decision,
  DecisionLog: s.obj({
    items: s.arr(s.ref("DecisionLogEntry")),
    next: s.nul(s.int("pass as before for the next page")),
  }),
  UnmatchedTicket: s.obj({
    id: s.int(),
    eventId: s.nul(s.str()),
    source: s.str(),
    ticketExternalId: s.str(),
    customerRef: s.nul(s.str()),
    requesterEmail: s.nul(s.str()),
    reason: s.str(),
    payload: s.str("the ticket as received, JSON"),
    receivedAt: s.time(),
    resolvedAt: s.nul(s.time()),
  }),
  WebhookResult: {
    oneOf: [
      s.obj(
        {
          status: s.enum(["accepted"]),
          eventId: s.str(),
          ticketId: s.str(),
          customerId: s.str(),
          change: s.enum(["new", "updated", "unchanged"]),
          queued: s.int(),
          warnings: s.arr(s.str()),
          matchedBy: s.enum(
            ["external_id", "contact_email", "email", "domain", "stored_ticket"],
            "the identity rule that found the customer (stored_ticket: the customer the ticket already belongs to)",
          ),
        },
        { optional: ["matchedBy"] },
      ),
      s.obj({
        status: s.enum(["unmatched"]),
        eventId: s.str(),
        ticketId: s.str(),
        reason: s.str(),
        unmatchedId: s.int("its id in the unmatched queue (GET /api/v1/unmatched)"),
        candidates: s.arr(s.str(), "the customer ids it may belong to, when several matched"),
      }),
    ],
  },
};

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: s.ref("Error") } },
});

/** Shared responses (components.responses): every error uses the Error schema. */
export const responses: Record<string, Schema> = {
  BadInput: errorResponse(
    "400 BAD_INPUT: a query parameter, path parameter or body field is not what was expected (the " +
      "message says what was expected and found)",
  ),
  Unauthorized: errorResponse("401 UNAUTHORIZED: no API key or session, or the key is unknown or revoked"),
  Forbidden: errorResponse("403 FORBIDDEN: the role is too low, or a cross-site change with the session cookie"),
  NotFound: errorResponse("404 NOT_FOUND"),
  Conflict: errorResponse("409 CONFLICT (or NO_ACTIVE_MODEL)"),
  PayloadTooLarge: errorResponse("413 PAYLOAD_TOO_LARGE"),
  RateLimited: errorResponse("429 RATE_LIMITED: retry after the Retry-After seconds"),
  Internal: errorResponse("500 INTERNAL: logged on the server"),
};
