/** Items (tickets, survey answers) grouped by customer: customer c's items are order[start[c] … start[c + 1]). */
export interface CustomerGroups {
  start: Int32Array;
  order: Int32Array;
}

/**
 * Groups items by their customer index (−1: a customer outside the frame, left out) with a
 * counting sort: linear, and stable, so items keep their read order within a customer.
 */
export function groupByCustomer(customerOf: Int32Array, customers: number): CustomerGroups {
  const start = new Int32Array(customers + 1);
  for (const c of customerOf) if (c >= 0) start[c + 1]++;
  for (let c = 0; c < customers; c++) start[c + 1] += start[c];
  const next = start.slice(0, customers);
  const order = new Int32Array(start[customers]);
  customerOf.forEach((c, i) => {
    if (c >= 0) order[next[c]++] = i;
  });
  return { start, order };
}

/** Sorts each customer's items by `compare` (rows read in no particular order get one). */
export function sortWithinCustomers(groups: CustomerGroups, compare: (a: number, b: number) => number): void {
  const { start, order } = groups;
  for (let c = 0; c + 1 < start.length; c++) {
    if (start[c + 1] - start[c] > 1) order.subarray(start[c], start[c + 1]).sort(compare);
  }
}
