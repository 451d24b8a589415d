// What both doors (api/ and web/) use over HTTP: request validation and the schemas they share, the one
// error-code → status table and error handler, request authentication and role checks (over auth/),
// the same-origin check, the shared sign-in limit, and the Express app they are mounted in.
export { authenticateRequest, pagePrincipal, requirePage, type AuthDeps } from "./authenticate-request.ts";
export { createHttpApp, type HttpApp } from "./create-http-app.ts";
export { booleanText, email, isoDay, isoTimestamp, oneOf, strictObject, text, wholeNumber } from "./fields.ts";
export { errorBody, errorHandler, HTTP_STATUS, notFoundHandler } from "./http-errors.ts";
export { OWNER_ME, resolveOwnerMe } from "./owner-me.ts";
export { requireRole } from "./require-role.ts";
export { assertSameOrigin, isSafeMethod } from "./same-origin.ts";
export {
  atRiskCsvQuerySchema,
  atRiskFilterShape,
  atRiskQuerySchema,
  atRiskSummaryQuerySchema,
  customerParamsSchema,
} from "./shared-schemas.ts";
export { signInLimiter } from "./sign-in-limiter.ts";
export { parseBody, parseInput, parseQuery, type InputPlace } from "./validate.ts";
