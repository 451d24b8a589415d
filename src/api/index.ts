export { apiRoutes, type ApiDeps } from "./api-routes.ts";
export { openApiDocument } from "./openapi.ts";
