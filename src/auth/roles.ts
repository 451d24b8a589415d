/** Who may do what: viewer reads; csm reads and acts on customers; admin does everything. */
export const Role = { Admin: "admin", Csm: "csm", Viewer: "viewer" } as const;
export type Role = (typeof Role)[keyof typeof Role];

export const ROLES: Role[] = [Role.Admin, Role.Csm, Role.Viewer];

const RANK: Record<Role, number> = { viewer: 0, csm: 1, admin: 2 };

export function isRole(value: string): value is Role {
  return (ROLES as string[]).includes(value);
}

/** True when `role` has at least the rights of `needed`. */
export function roleAllows(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

/** The roles of users who can own accounts (and get the daily digest). */
export const OWNER_ROLES: Role[] = [Role.Csm, Role.Admin];
