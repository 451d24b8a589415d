import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { encodeTable } from "./encode-table.ts";
import { fitPreprocessor } from "./fit-preprocessor.ts";
import { ColumnType } from "./infer-column-types.ts";
import { initTfBackend } from "./init-tf-backend.ts";
import { matchCodes } from "./match-codes.ts";
import { createNeighbourVote } from "./neighbour-vote.ts";

const names = ["a", "b", "c", "d"];
const columns = names.map((name) => ({ name, type: ColumnType.Categorical }));
// Reference rows: two customers, each with its own values in every column, and their labels.
const reference = {
  columns: names,
  rows: [
    ["p", "q", "r", "s"],
    ["w", "x", "y", "z"],
  ],
};
const spec = fitPreprocessor({ table: reference, columns, rows: [0, 1], minCount: 1 });
const codes = matchCodes(spec, encodeTable(spec, reference));
const score = (bandwidth: number, rows: string[][]) => {
  const vote = createNeighbourVote({ spec, reference: codes, labels: [1, 0], bandwidth });
  try {
    return Array.from(vote.logits(encodeTable(spec, { columns: names, rows })));
  } finally {
    vote.dispose();
  }
};

beforeAll(async () => {
  await initTfBackend();
});

describe("createNeighbourVote", () => {
  it("gives a row the label of the reference row it shares most features with", () => {
    const [churner, stayer, between] = score(2, [
      ["p", "q", "r", "z"],
      ["w", "q", "y", "z"],
      ["p", "q", "y", "z"],
    ]);
    expect(churner).toBeGreaterThan(3); // 3 of 4 features shared with the churner: p ≈ e⁶ / (e⁶ + e²)
    expect(stayer).toBeLessThan(-3);
    expect(between).toBeCloseTo(0, 5); // 2 and 2: an even vote
  });

  it("weighs near rows more sharply as the bandwidth grows", () => {
    const row = [["p", "q", "r", "z"]];
    expect(score(3, row)[0]).toBeGreaterThan(score(1, row)[0]);
  });

  it("counts a match on each feature by its weight", () => {
    const vote = createNeighbourVote({
      spec,
      reference: codes,
      labels: [1, 0],
      bandwidth: 1,
      weights: Float32Array.of(8, 1, 1, 1),
    });
    try {
      // Shares only "a" with the churner and three features with the stayer, but "a" weighs 8.
      expect(vote.logits(encodeTable(spec, { columns: names, rows: [["p", "x", "y", "z"]] }))[0]).toBeGreaterThan(3);
    } finally {
      vote.dispose();
    }
  });

  it("votes over the chosen reference rows only, and leaks no tensors", () => {
    const before = tf.memory().numTensors;
    const vote = createNeighbourVote({ spec, reference: codes, labels: [1, 0], bandwidth: 1, rows: [1] });
    expect(vote.labels).toEqual(new Uint8Array([0]));
    expect(vote.logits(encodeTable(spec, { columns: names, rows: [["p", "q", "r", "s"]] }))[0]).toBeLessThan(-6);
    vote.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
