import type { Plan } from "./tree-shap-plan.ts";

/*
 * What a table row of tree-shap-plan.ts holds: the exact path-dependent TreeSHAP contributions of
 * a group's leaves for one key. A leaf with value v, unique path features P (d of them) with zero
 * fractions z_j (the cover kept when j is unknown), of which the row satisfies O, adds to feature i
 * v (o_i − z_i) Σ_{S ⊆ P∖i} w(|S|) ∏_{j∈S} o_j ∏_{j∈P∖i∖S} z_j, with w(k) = k!(d − 1 − k)!/d!.
 */

/** Buffers for computing shares, sized for the plan's deepest leaf and widest group. */
export interface ShareScratch {
  group: Float64Array;
  shares: Float64Array;
  poly: Float64Array;
  quotient: Float64Array;
  weight: Float64Array;
}

/** Fresh share buffers for `plan`. */
export function shareScratch(plan: Plan): ShareScratch {
  const d = plan.maxDepth;
  return {
    group: new Float64Array(plan.maxWidth),
    shares: new Float64Array(d),
    poly: new Float64Array(d + 1),
    quotient: new Float64Array(d),
    weight: new Float64Array(d),
  };
}

/**
 * Leaf l's shares (before × v) for each of its d path features, into s.shares, given the bits of the
 * features the row failed. The sums over S by size are the coefficients p_k of ∏_j (z_j + o_j t)
 * with i's factor divided out, so all d shares cost O(d × satisfied features).
 */
function leafShares(plan: Plan, l: number, failed: number, s: ShareScratch): void {
  const [d, start, zero, out] = [plan.leafDepth[l], plan.leafFeatureStart[l], plan.leafZero, s.shares];
  const mask = ((1 << d) - 1) & ~failed;
  const { poly, quotient, weight } = s;
  poly.fill(0, 0, d + 1);
  poly[0] = 1;
  for (let j = 0; j < d; j++) {
    const z = zero[start + j];
    const one = (mask >> j) & 1;
    for (let k = j + 1; k >= 1; k--) poly[k] = z * poly[k] + one * poly[k - 1];
    poly[0] *= z;
  }
  // w(k) = k!(d − 1 − k)!/d! = 1 / (d · C(d − 1, k))
  let choose = 1;
  for (let k = 0; k < d; k++) {
    weight[k] = 1 / (d * choose);
    choose = (choose * (d - 1 - k)) / (k + 1);
  }
  // A failed feature's factor is the constant z_i, so its share is (0 − z_i) Σ w(k) p_k / z_i, the same for all of them.
  let failedShare = 0;
  for (let k = 0; k < d; k++) failedShare -= weight[k] * poly[k];
  for (let i = 0; i < d; i++) {
    if (((mask >> i) & 1) === 0) {
      out[i] = failedShare;
      continue;
    }
    // Dividing by (z + t) top-down multiplies errors by z ≤ 1, so it stays stable.
    const z = zero[start + i];
    quotient[d - 1] = poly[d];
    for (let k = d - 1; k >= 1; k--) quotient[k - 1] = poly[k] - z * quotient[k];
    let sum = 0;
    for (let k = 0; k < d; k++) sum += quotient[k] * weight[k];
    out[i] = (1 - z) * sum;
  }
}

/** Contributions of group g's leaves for `key`, into s.group[0…width). */
export function fillGroup(plan: Plan, g: number, key: number, s: ShareScratch): void {
  const {
    leafDepth,
    leafFeatureStart,
    leafColumn,
    leafValue,
    leafCondStart,
    condKeyBit,
    condRight,
    condPosition,
    leafCell,
    leafSlot,
    leafReady,
    leafTable,
  } = plan;
  const { group, shares } = s;
  group.fill(0, 0, plan.groupWidth[g]);
  const pathFailed = key & ((1 << plan.groupPathBits[g]) - 1);
  for (let l = plan.groupLeafStart[g]; l < plan.groupLeafStart[g + 1]; l++) {
    let failed = pathFailed;
    // A split inside the group fails the leaf's feature when the row goes the other way.
    for (let c = leafCondStart[l]; c < leafCondStart[l + 1]; c++)
      if (((key >> condKeyBit[c]) & 1) !== condRight[c]) failed |= 1 << condPosition[c];
    const [d, fs, cell] = [leafDepth[l], leafFeatureStart[l], leafCell[l]];
    if (cell < 0) {
      leafShares(plan, l, failed, s);
      for (let k = 0; k < d; k++) group[leafColumn[fs + k]] += leafValue[l] * shares[k];
      continue;
    }
    const at = cell + failed * d;
    if (leafReady[leafSlot[l] + failed] === 0) {
      leafShares(plan, l, failed, s);
      for (let k = 0; k < d; k++) leafTable[at + k] = leafValue[l] * shares[k];
      leafReady[leafSlot[l] + failed] = 1;
    }
    for (let k = 0; k < d; k++) group[leafColumn[fs + k]] += leafTable[at + k];
  }
}

/** Computes group g's table row for `key` (once; the ready flag keeps it). */
export function fillCell(plan: Plan, g: number, key: number, cell: number, s: ShareScratch): void {
  fillGroup(plan, g, key, s);
  for (let k = 0; k < plan.groupWidth[g]; k++) plan.table[cell + k] = s.group[k];
  plan.ready[plan.groupSlot[g] + key] = 1;
}
