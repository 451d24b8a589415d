import express, { type Express } from "express";
import helmet from "helmet";
import { rateLimit } from "express-rate-limit";
import type { Config } from "../config.ts";
import type { Database } from "../db/index.ts";
import { ErrorCode } from "../errors.ts";
import { errorBody, errorHandler, notFoundHandler } from "./http-errors.ts";
import { authenticate } from "./require-role.ts";
import { ingestRoutes } from "./routes/ingest.ts";
import { kpiRoutes } from "./routes/kpi.ts";

export interface AppDeps {
  db: Database;
  config: Pick<Config, "dialect">;
  /** Requests per minute per client for the API (default 600). */
  rateLimitPerMinute?: number;
  /** Body size limit for JSON (default 20 MB: 10,000 records of a few hundred bytes). */
  jsonLimit?: string;
  onTicketsChanged?: (ticketIds: number[]) => Promise<void>;
}

/** The Express app (API and, later, the dashboard); no listen(), so tests run it in-process. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", false);
  app.use(helmet());
  app.get("/healthz", (_req, res) => {
    res.json({ ok: true, dialect: deps.config.dialect });
  });
  const api = express.Router();
  api.use(
    rateLimit({
      windowMs: 60_000,
      limit: deps.rateLimitPerMinute ?? 600,
      standardHeaders: "draft-7",
      legacyHeaders: false,
      handler: (_req, res) => {
        res.status(429).json(errorBody(ErrorCode.RateLimited, "too many requests: slow down and retry after the Retry-After header's seconds"));
      },
    }),
  );
  api.use(express.json({ limit: deps.jsonLimit ?? "20mb", strict: false }));
  api.use(authenticate(deps.db));
  api.use(ingestRoutes(deps));
  api.use(kpiRoutes(deps));
  app.use("/api/v1", api);
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
