import express, { type Express, type Router } from "express";
import helmet from "helmet";
import { errorHandler, notFoundHandler } from "./http-errors.ts";

/** The Express app the doors are mounted in. */
export type HttpApp = Express;

/**
 * An Express app around `routers`, mounted in order: helmet's headers, GET /healthz (`{ ok: true,
 * ...health }`), each router, then the one 404 and the one error handler. No listen(), so
 * tests run it in-process.
 */
export function createHttpApp(options: { health: Record<string, unknown>; routers: Router[] }): HttpApp {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", false);
  app.use(helmet());
  app.get("/healthz", (_req, res) => {
    res.json({ ok: true, ...options.health });
  });
  for (const router of options.routers) app.use(router);
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
