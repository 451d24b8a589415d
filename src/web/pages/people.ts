/** Users by email, as the pages name them. */
export type People = readonly { email: string; name: string }[];

/** A user's name for an email (an actor, a note's author); anything else (an API key's label) as it is. */
export function nameOf(people: People, who: string): string {
  return people.find((p) => p.email === who)?.name ?? who;
}

/** An owner's name when they are a user, else their email marked "not a user" (imported, nobody added them), or "nobody". */
export function ownerName(people: People, email: string | null): string {
  if (!email) return "nobody";
  const name = nameOf(people, email);
  return name === email ? `${email} (not a user)` : name;
}
