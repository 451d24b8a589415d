import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SRC = join(ROOT, "src");
const GENERATED = join(SRC, "db", "generated");

/** Every .ts file under `dir` (tests beside the code included), without the generated Prisma client. */
function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === GENERATED ? [] : typeScriptFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

// Static imports and re-exports (`import x from`, `import type { … } from`, `export * from`), side-effect imports, and `import("…")`.
const SPECIFIERS = [
  /^\s*(?:import|export)\s+[\w*\s{},$]*?\bfrom\s*["']([^"']+)["']/gm,
  /^\s*import\s*["']([^"']+)["']/gm,
  /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
];

interface Import {
  /** The importing file, relative to the repository (for messages). */
  file: string;
  specifier: string;
  /** The absolute path a relative specifier points to; undefined for packages. */
  target?: string;
}

function importsOf(path: string): Import[] {
  const text = readFileSync(path, "utf8");
  const file = relative(ROOT, path);
  return SPECIFIERS.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => m[1])).map((specifier) => ({
    file,
    specifier,
    target: specifier.startsWith(".") ? resolve(dirname(path), specifier) : undefined,
  }));
}

/** The part of src/ a path belongs to: its top-level folder, or the file's own name for a file directly in src/ (config, errors, …). */
function unitOf(path: string): string | undefined {
  const parts = relative(SRC, path).split(sep);
  if (parts[0] === ".." || parts[0] === "") return undefined;
  return parts.length === 1 ? parts[0].replace(/\.ts$/, "") : parts[0];
}

const sources = typeScriptFiles(SRC);
const imports = sources.flatMap(importsOf);

/** unit → unit it imports → the imports that make the edge. */
function unitGraph(): Map<string, Map<string, Import[]>> {
  const graph = new Map<string, Map<string, Import[]>>();
  for (const i of imports) {
    const from = unitOf(join(ROOT, i.file));
    const to = i.target && unitOf(i.target);
    if (!from || !to || from === to) continue;
    if (!graph.has(from)) graph.set(from, new Map());
    const edges = graph.get(from)!;
    edges.set(to, [...(edges.get(to) ?? []), i]);
  }
  return graph;
}

/** Every cycle through the graph found by depth-first search, each once (as `a → b → a`). */
function findCycles(graph: Map<string, Map<string, Import[]>>): string[][] {
  const cycles = new Map<string, string[]>();
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (state.get(next) === "open") {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        const key = [...cycle.slice(0, -1)].sort().join(",");
        if (!cycles.has(key)) cycles.set(key, cycle);
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return [...cycles.values()];
}

function describeCycle(graph: Map<string, Map<string, Import[]>>, cycle: string[]): string {
  const edges = cycle.slice(0, -1).map((from, k) => {
    const via = graph.get(from)!.get(cycle[k + 1])!;
    const shown = via.slice(0, 3).map((i) => `${i.file} imports "${i.specifier}"`);
    return `  ${from} → ${cycle[k + 1]}: ${shown.join("; ")}${via.length > 3 ? ` (and ${via.length - 3} more)` : ""}`;
  });
  return `${cycle.join(" → ")}\n${edges.join("\n")}`;
}

/** Packages (or generated code) that only some parts of src/ may import. */
const RESTRICTED: { what: string; who: string; matches: (i: Import) => boolean; allowed: string[] }[] = [
  {
    what: "the Prisma client, its generated code or a database driver",
    matches: (i) =>
      /^(@prisma\/|prisma$|better-sqlite3$|pg$)/.test(i.specifier) ||
      i.target?.split(sep).includes("generated") === true,
    who: "db/",
    allowed: ["db"],
  },
  {
    what: "Express or its middleware",
    matches: (i) => /^(express|express-[\w-]+|helmet)$/.test(i.specifier),
    who: "the doors (api/, web/) and their shared http/",
    allowed: ["api", "http", "web"],
  },
  { what: "node-cron", who: "jobs/ (outside src/)", matches: (i) => i.specifier === "node-cron", allowed: [] },
];

describe("architecture (imports between the folders of src/)", () => {
  it("reads the imports of every source file", () => {
    expect(sources.length).toBeGreaterThan(100);
    expect(imports.some((i) => i.file === join("src", "db", "database.ts") && i.specifier === "../config.ts")).toBe(
      true,
    );
  });

  it("has no import cycle between the top-level folders (and files) of src/", () => {
    const graph = unitGraph();
    const cycles = findCycles(graph).map((c) => describeCycle(graph, c));
    expect(cycles, `folder cycles:\n${cycles.join("\n")}`).toEqual([]);
  });

  it.each(RESTRICTED)("$what: imported only by $who", ({ matches, allowed }) => {
    const outside = imports.filter((i) => matches(i) && !allowed.includes(unitOf(join(ROOT, i.file))!));
    expect(outside.map((i) => `${i.file} imports "${i.specifier}"`)).toEqual([]);
  });

  it("sees jobs/ import node-cron (so the check above does not pass for want of a match)", () => {
    const jobs = typeScriptFiles(join(ROOT, "jobs")).flatMap(importsOf);
    expect(jobs.some((i) => i.specifier === "node-cron")).toBe(true); // the check above would pass vacuously if the pattern missed it
  });

  it("the two doors, api/ and web/, import nothing from each other", () => {
    const graph = unitGraph();
    const across = [...(graph.get("api")?.get("web") ?? []), ...(graph.get("web")?.get("api") ?? [])];
    expect(across.map((i) => `${i.file} imports "${i.specifier}"`)).toEqual([]);
  });
});
