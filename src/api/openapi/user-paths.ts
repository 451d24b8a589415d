import { changeUserBodySchema, createUserBodySchema, userParamsSchema } from "../schemas/request-schemas.ts";
import { fromZod, parametersOf, s, type Schema } from "./json-schema.ts";
import { json, op } from "./operation.ts";

const userId = parametersOf(userParamsSchema, "path");

/** The operations on users (people who sign in): admins only. */
export const userPaths: Record<string, Record<string, Schema>> = {
  "/api/v1/users": {
    get: op({
      summary: "Users (never their password hashes)",
      tags: ["users"],
      role: "admin",
      responses: { "200": json("all users, by name", s.obj({ items: s.arr(s.ref("User")) })) },
    }),
    post: op({
      summary: "Add a user: the response holds their one-time link to set a password (valid 24 hours, shown once)",
      tags: ["users"],
      role: "admin",
      body: { schema: fromZod(createUserBodySchema) },
      responses: {
        "201": json("the new user", s.obj({ user: s.ref("User"), passwordLink: s.ref("PasswordLink") })),
      },
      errors: ["400", "409"],
    }),
  },
  "/api/v1/users/{id}": {
    patch: op({
      summary: "Change a user's name or role, or revoke (their sessions end at once) or restore them",
      tags: ["users"],
      role: "admin",
      parameters: userId,
      body: { schema: fromZod(changeUserBodySchema) },
      responses: { "200": json("the user after the change", "User") },
      errors: ["400", "404"],
    }),
  },
  "/api/v1/users/{id}/password-link": {
    post: op({
      summary: "A new one-time set-password link (earlier links stop working)",
      tags: ["users"],
      role: "admin",
      parameters: userId,
      responses: { "201": json("the link, shown once", "PasswordLink") },
      errors: ["400", "404", "409"],
    }),
  },
};
