import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { moduleLogger } from "../logger.ts";

const log = moduleLogger("model");
const require = createRequire(import.meta.url);

/** TF.js backends Retain can run on, fastest first. */
export const TfBackend = { Native: "tensorflow", Wasm: "wasm", Cpu: "cpu" } as const;
export type TfBackend = (typeof TfBackend)[keyof typeof TfBackend];

/**
 * True when the real native binding of @tensorflow/tfjs-node is installed. The package name alone is
 * not enough: npm aliases may put plain @tensorflow/tfjs under that name. `from` is the folder whose
 * node_modules are searched first (default: Retain's own; tests pass a folder of their making).
 */
export function hasNativeTfjsNode({ from }: { from?: string } = {}): boolean {
  try {
    const resolver = from ? createRequire(join(from, "noop.js")) : require;
    const manifest = resolver.resolve("@tensorflow/tfjs-node/package.json");
    const pkg = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string };
    if (pkg.name !== "@tensorflow/tfjs-node") return false;
    const lib = join(dirname(manifest), "lib");
    return (
      existsSync(lib) &&
      readdirSync(lib).some((d) => d.startsWith("napi-v") && existsSync(join(lib, d, "tfjs_binding.node")))
    );
  } catch {
    return false;
  }
}

async function tryBackend(name: TfBackend): Promise<boolean> {
  try {
    if (name === TfBackend.Native) {
      if (!hasNativeTfjsNode()) return false;
      await import("@tensorflow/tfjs-node" as string);
    } else if (name === TfBackend.Wasm) {
      const wasm = await import("@tensorflow/tfjs-backend-wasm");
      wasm.setWasmPaths(`${dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json"))}/dist/`);
    }
    const ok = await tf.setBackend(name);
    if (ok) await tf.ready();
    return ok && tf.getBackend() === name;
  } catch (error) {
    log.debug({ backend: name, err: (error as Error).message }, "TF backend unavailable");
    return false;
  }
}

let chosen: TfBackend | undefined;

/**
 * Selects the TF.js backend once per process: native tfjs-node when really installed, else WASM,
 * else the pure-JS CPU backend. `preferred` (from config, e.g. RETAIN_TF_BACKEND) is tried first.
 * Returns the backend in use.
 */
export async function initTfBackend({ preferred }: { preferred?: string } = {}): Promise<TfBackend> {
  if (chosen && (preferred === undefined || preferred === chosen)) return chosen;
  const order: TfBackend[] = [TfBackend.Native, TfBackend.Wasm, TfBackend.Cpu];
  const wanted = order.find((b) => b === preferred);
  if (preferred !== undefined && wanted === undefined)
    log.warn({ preferred, known: order }, "unknown TF backend requested; choosing automatically");
  for (const name of wanted ? [wanted, ...order.filter((b) => b !== wanted)] : order) {
    if (await tryBackend(name)) {
      chosen = name;
      if (wanted && wanted !== name) log.warn({ preferred: wanted, backend: name }, "requested TF backend unavailable");
      log.info({ backend: name }, "TF backend ready");
      return name;
    }
  }
  throw new Error("no TF.js backend could be initialised");
}
