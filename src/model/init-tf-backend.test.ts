import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { afterAll, describe, expect, it } from "vitest";
import { hasNativeTfjsNode, initTfBackend, TfBackend } from "./init-tf-backend.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A folder whose node_modules/@tensorflow/tfjs-node holds `files` (path → content). */
function fakeInstall(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "retain-tfjs-node-"));
  dirs.push(root);
  for (const [path, content] of Object.entries(files)) {
    const file = join(root, "node_modules", "@tensorflow", "tfjs-node", path);
    mkdirSync(join(file, ".."), { recursive: true });
    writeFileSync(file, content);
  }
  return root;
}

/**
 * Whether the native backend really loads in this install, found without hasNativeTfjsNode: the
 * package under that name must be tfjs-node itself (here it is an npm alias of plain tfjs, for
 * danfojs; after the README's `npm install @tensorflow/tfjs-node` it is the real one), and
 * importing it must register the "tensorflow" backend.
 */
async function nativeLoadsHere(): Promise<boolean> {
  const require = createRequire(import.meta.url);
  let name: string | undefined;
  try {
    name = JSON.parse(readFileSync(require.resolve("@tensorflow/tfjs-node/package.json"), "utf8")).name;
  } catch {
    return false;
  }
  if (name !== "@tensorflow/tfjs-node") return false;
  try {
    await import("@tensorflow/tfjs-node" as string);
    return tf.findBackendFactory(TfBackend.Native) != null;
  } catch {
    return false;
  }
}

describe("initTfBackend", () => {
  const manifest = (name: string) => JSON.stringify({ name, version: "4.22.0" });
  it.each([
    ["no package under that name", {}, false],
    [
      "an npm alias of plain tfjs (as installed here for danfojs)",
      { "package.json": manifest("@tensorflow/tfjs") },
      false,
    ],
    ["tfjs-node without its lib folder", { "package.json": manifest("@tensorflow/tfjs-node") }, false],
    [
      "tfjs-node whose binding was never built",
      { "package.json": manifest("@tensorflow/tfjs-node"), "lib/napi-v8/.keep": "" },
      false,
    ],
    [
      "tfjs-node with its native binding",
      { "package.json": manifest("@tensorflow/tfjs-node"), "lib/napi-v8/tfjs_binding.node": "" },
      true,
    ],
  ])("native binding detection: %s → %s", (_what, files, expected) => {
    expect(hasNativeTfjsNode({ from: fakeInstall(files) })).toBe(expected);
  });

  it("picks native tfjs-node when it really loads here, else WASM, and honours a preferred backend", async () => {
    const auto = (await nativeLoadsHere()) ? TfBackend.Native : TfBackend.Wasm;
    expect(await initTfBackend()).toBe(auto);
    expect(await initTfBackend({ preferred: "cpu" })).toBe(TfBackend.Cpu);
    expect(tf.getBackend()).toBe("cpu");
    expect(await initTfBackend({ preferred: "wasm" })).toBe(TfBackend.Wasm);
    expect(tf.getBackend()).toBe("wasm");
    expect(await initTfBackend({ preferred: "tensorflow" })).toBe(auto); // without the binding: the next fastest
  });
});
