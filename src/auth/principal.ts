import type { Role } from "./roles.ts";

/** Who a request acts as: a user (signed in with email and password) or an API key (a machine or script). */
export interface Principal {
  kind: "user" | "key";
  /** The user's or the key's id. */
  id: number;
  role: Role;
  /** What pages show: the user's name, or the key's label. */
  name: string;
  /** The user's email; null for a key. Owners of accounts are users, matched by this email. */
  email: string | null;
  /** What the customer timeline records as who did it: the user's email, or the key's label. */
  actor: string;
}
