import { rocAuc } from "./roc-auc.ts";
import type { Trained } from "./train-candidates.ts";
import { ModelKind } from "./types.ts";

type Slot = "networks" | "vote" | "forests";

const slotOf = (t: Trained): Slot => (t.forests?.length ? "forests" : t.vote ? "vote" : "networks");

/**
 * The two candidates blended in logit space at the weight (steps of 0.1) with the best validation
 * AUC, as one more candidate; undefined when both score through the same part (two network families).
 */
export function blendLogits(a: Trained, b: Trained, valY: Float32Array): Trained | undefined {
  const [sa, sb] = [slotOf(a), slotOf(b)];
  if (sa === sb) return undefined;
  let best = { auc: Number.NEGATIVE_INFINITY, w: 0, logits: new Float64Array(0) };
  for (let k = 1; k < 10; k++) {
    const w = k / 10;
    const logits = new Float64Array(valY.length);
    for (let i = 0; i < logits.length; i++) logits[i] = (1 - w) * a.valLogits[i] + w * b.valLogits[i];
    const auc = rocAuc(valY, logits);
    if (auc > best.auc) best = { auc, w, logits };
  }
  const weight = (s: Slot) => (sa === s ? 1 - best.w : sb === s ? best.w : 0);
  const networks = sa === "networks" ? a : sb === "networks" ? b : undefined;
  const vote = sa === "vote" ? a : sb === "vote" ? b : undefined;
  const forests = sa === "forests" ? a : sb === "forests" ? b : undefined;
  return {
    name: `${a.name}+${b.name}`,
    kind: ModelKind.Blend,
    config: networks?.config,
    params: forests?.params,
    networks: networks?.networks ?? [],
    vote: vote?.vote,
    voteWeight: weight("vote"),
    forests: forests?.forests,
    forestWeight: weight("forests"),
    valLogits: best.logits,
    epochs: [...a.epochs, ...b.epochs],
    seconds: a.seconds + b.seconds,
    parts: [a, b],
  };
}
