import { logLoss } from "./probability-scores.ts";

/** Maps a raw model logit z to a calibrated probability. Saved in metadata.json. */
export type Calibrator =
  /** Platt scaling: p = σ(a·z + b). */
  | { kind: "platt"; a: number; b: number }
  /** Isotonic regression: piecewise-linear through (logit, probability) knots, flat beyond the ends. */
  | { kind: "isotonic"; x: number[]; y: number[] };

const sigmoid = (t: number) => 1 / (1 + Math.exp(-t));

/** Applies a calibrator to raw logits. */
export function applyCalibrator(calibrator: Calibrator, logits: ArrayLike<number>): Float64Array {
  // Float64: float32 sigmoid saturates to exactly 1 above logit ≈ 17, creating ties that hurt ranking.
  const out = new Float64Array(logits.length);
  if (calibrator.kind === "platt") {
    for (let i = 0; i < logits.length; i++) out[i] = sigmoid(calibrator.a * logits[i] + calibrator.b);
    return out;
  }
  const { x, y } = calibrator;
  for (let i = 0; i < logits.length; i++) {
    const z = logits[i];
    if (z <= x[0]) out[i] = y[0];
    else if (z >= x[x.length - 1]) out[i] = y[y.length - 1];
    else {
      let lo = 0;
      let hi = x.length - 1;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (x[mid] <= z) lo = mid;
        else hi = mid;
      }
      out[i] = y[lo] + ((z - x[lo]) / (x[hi] - x[lo])) * (y[hi] - y[lo]);
    }
  }
  return out;
}

const softplus = (t: number) => (t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t)));

/**
 * Platt scaling with Platt's smoothed targets, fitted by Newton's method with backtracking line
 * search (Lin, Lin & Weng 2007), which stays stable when the logits nearly separate the classes.
 */
export function fitPlatt(logits: ArrayLike<number>, y: ArrayLike<number>): Calibrator {
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i] === 1 ? 1 : 0;
  const neg = y.length - pos;
  const target = (i: number) => (y[i] === 1 ? (pos + 1) / (pos + 2) : 1 / (neg + 2));
  const objective = (a: number, b: number) => {
    let f = 0;
    for (let i = 0; i < logits.length; i++) {
      const t = a * logits[i] + b;
      f += softplus(t) - target(i) * t;
    }
    return f;
  };
  let a = 0;
  let b = Math.log((pos + 1) / (neg + 1));
  let f = objective(a, b);
  for (let iter = 0; iter < 100; iter++) {
    let g1 = 0,
      g2 = 0,
      h11 = 1e-12,
      h12 = 0,
      h22 = 1e-12;
    for (let i = 0; i < logits.length; i++) {
      const z = logits[i];
      const p = sigmoid(a * z + b);
      const d = p - target(i);
      const w = p * (1 - p);
      g1 += d * z;
      g2 += d;
      h11 += w * z * z;
      h12 += w * z;
      h22 += w;
    }
    if (Math.abs(g1) < 1e-7 && Math.abs(g2) < 1e-7) break;
    const det = h11 * h22 - h12 * h12;
    const da = -(h22 * g1 - h12 * g2) / det;
    const db = -(h11 * g2 - h12 * g1) / det;
    const slope = g1 * da + g2 * db;
    let step = 1;
    for (; step >= 1e-10; step /= 2) {
      const fNew = objective(a + step * da, b + step * db);
      if (fNew < f + 1e-4 * step * slope) {
        a += step * da;
        b += step * db;
        f = fNew;
        break;
      }
    }
    if (step < 1e-10) break;
  }
  return { kind: "platt", a, b };
}

/** Isotonic regression (pool-adjacent-violators) of y on logits; knots at block means. */
export function fitIsotonic(logits: ArrayLike<number>, y: ArrayLike<number>): Calibrator {
  const order = Array.from({ length: logits.length }, (_, i) => i).sort((i, j) => logits[i] - logits[j]);
  const blocks: { sumZ: number; sumY: number; n: number }[] = [];
  for (const i of order) {
    blocks.push({ sumZ: logits[i], sumY: y[i], n: 1 });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1];
      const prev = blocks[blocks.length - 2];
      if (prev.sumY / prev.n < last.sumY / last.n) break;
      prev.sumZ += last.sumZ;
      prev.sumY += last.sumY;
      prev.n += last.n;
      blocks.pop();
    }
  }
  // Keep probabilities strictly inside (0, 1) so log loss stays finite.
  const clamp = (p: number) => Math.min(1 - 1e-4, Math.max(1e-4, p));
  return { kind: "isotonic", x: blocks.map((b) => b.sumZ / b.n), y: blocks.map((b) => clamp(b.sumY / b.n)) };
}

/**
 * Fits Platt scaling, or isotonic regression when it is clearly better: isotonic is chosen only
 * if, cross-fitted on two halves, its log loss is lower by more than `margin` (relative, default 2%).
 */
export function fitCalibrator(logits: ArrayLike<number>, y: ArrayLike<number>, { margin = 0.02 } = {}): Calibrator {
  const platt = fitPlatt(logits, y);
  if (logits.length < 2000) return platt;
  const halves = [0, 1].map((h) => Array.from({ length: logits.length }, (_, i) => i).filter((i) => i % 2 === h));
  const pick = (idx: number[], v: ArrayLike<number>) => idx.map((i) => v[i]);
  let lossPlatt = 0;
  let lossIso = 0;
  for (const [fitIdx, testIdx] of [
    [halves[0], halves[1]],
    [halves[1], halves[0]],
  ]) {
    const zFit = pick(fitIdx, logits),
      yFit = pick(fitIdx, y),
      zTest = pick(testIdx, logits),
      yTest = pick(testIdx, y);
    lossPlatt += logLoss(yTest, applyCalibrator(fitPlatt(zFit, yFit), zTest));
    lossIso += logLoss(yTest, applyCalibrator(fitIsotonic(zFit, yFit), zTest));
  }
  return lossIso < lossPlatt * (1 - margin) ? fitIsotonic(logits, y) : platt;
}
