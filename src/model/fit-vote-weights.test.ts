import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { encodeTable } from "./encode-table.ts";
import { fitPreprocessor } from "./fit-preprocessor.ts";
import { fitVoteWeights } from "./fit-vote-weights.ts";
import { ColumnType } from "./infer-column-types.ts";
import { initTfBackend } from "./init-tf-backend.ts";
import { matchCodes } from "./match-codes.ts";
import { createRandom } from "./seeded-random.ts";

// The label follows column "key" (8 values); "n0".."n3" are noise with as many values.
const random = createRandom(7);
const names = ["key", "n0", "n1", "n2", "n3"];
const rows = Array.from({ length: 400 }, () => names.map(() => `v${random.int(8)}`));
const labels = rows.map((r) => (Number(r[0].slice(1)) % 2 === 0 ? 1 : 0));
const table = { columns: names, rows };
const all = Int32Array.from({ length: rows.length }, (_, i) => i);
const spec = fitPreprocessor({
  table,
  columns: names.map((name) => ({ name, type: ColumnType.Categorical })),
  rows: all,
  minCount: 1,
});
const reference = matchCodes(spec, encodeTable(spec, table));
const fitOnce = () => fitVoteWeights({ reference, labels, rows: all, bandwidth: 1, seed: 3, steps: 60, batch: 128 });

beforeAll(async () => {
  await initTfBackend();
});

describe("fitVoteWeights", () => {
  it("weighs the feature that predicts the label above the noise, the same way for the same seed", () => {
    const before = tf.memory().numTensors;
    const weights = fitOnce();
    expect(tf.memory().numTensors).toBe(before);
    expect(weights).toHaveLength(5);
    for (const noise of weights.slice(1)) expect(weights[0]).toBeGreaterThan(2 * noise);
    expect(Array.from(fitOnce())).toEqual(Array.from(weights));
  });
});
