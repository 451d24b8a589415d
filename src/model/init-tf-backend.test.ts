import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { hasNativeTfjsNode, initTfBackend, TfBackend } from "./init-tf-backend.ts";

describe("initTfBackend", () => {
  it("does not mistake the npm alias of plain tfjs for the native binding", () => {
    // node_modules/@tensorflow/tfjs-node here is @tensorflow/tfjs under another name (for danfojs).
    expect(hasNativeTfjsNode()).toBe(false);
  });

  it("picks WASM without a native binding, and honours a preferred backend", async () => {
    expect(await initTfBackend()).toBe(TfBackend.Wasm);
    expect(await initTfBackend({ preferred: "cpu" })).toBe(TfBackend.Cpu);
    expect(tf.getBackend()).toBe("cpu");
    expect(await initTfBackend({ preferred: "wasm" })).toBe(TfBackend.Wasm);
  });
});
