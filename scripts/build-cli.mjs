// Compiles src/ and jobs/ to plain JavaScript in dist/ (esbuild, one output file per source
// file), so `retain` starts without a TypeScript loader. Runs on `npm install` (postinstall)
// and by hand after editing the sources (bin/retain.mjs falls back to tsx when dist/ is stale).
import { build } from "esbuild";
import { cpSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { newestSourceTime } from "./source-time.mjs";

const ROOTS = ["src", "jobs"];
const files = ROOTS.flatMap((root) => readdirSync(root, { recursive: true }).map((name) => join(root, name)));
const entryPoints = files.filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"));

/** Every relative import stays a separate file: `./x.ts` becomes `./x.js`; packages stay imports. */
const keepFilesApart = {
  name: "keep-files-apart",
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) =>
      args.kind === "entry-point" ? undefined : { path: args.path.replace(/\.ts$/, ".js"), external: true },
    );
  },
};

const startedAt = Date.now();
rmSync("dist", { recursive: true, force: true });
await build({
  entryPoints,
  outdir: "dist",
  outbase: ".",
  bundle: true,
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node20",
  plugins: [keepFilesApart],
  logLevel: "warning",
});
// Worker threads are plain .mjs files beside the modules that start them.
for (const file of files.filter((name) => name.endsWith(".mjs"))) cpSync(file, join("dist", file));
writeFileSync("dist/built-from.json", JSON.stringify({ newestSource: newestSourceTime(ROOTS) }));
console.log(`retain: compiled ${entryPoints.length} files to dist/ in ${Date.now() - startedAt} ms`);
