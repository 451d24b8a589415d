import { describe, expect, it } from "vitest";
import { AppError, ErrorCode } from "../errors.ts";
import type { DemoWorldOptions } from "./generate-demo-world.ts";
import { validateDemoOptions } from "./validate-demo-options.ts";

const good: DemoWorldOptions = { outDir: "/tmp/x", customers: 100, days: 30, seed: 1, end: "2024-06-30" };

function problemOf(options: unknown): AppError {
  try {
    validateDemoOptions(options as DemoWorldOptions);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected validateDemoOptions to throw");
}

describe("validateDemoOptions", () => {
  it("accepts the limits and computes the window", () => {
    const valid = validateDemoOptions({ ...good, customers: 200_000, days: 1100 });
    expect(valid.endDay - valid.startDay + 1).toBe(1100);
    expect(new Date(valid.endDay * 86_400_000).toISOString().slice(0, 10)).toBe("2024-06-30");
    expect(() => validateDemoOptions({ ...good, customers: 100, days: 30, seed: -5 })).not.toThrow();
  });

  it("defaults end to today in UTC", () => {
    const valid = validateDemoOptions({ ...good, end: undefined }, new Date("2025-03-10T23:30:00-05:00"));
    expect(new Date(valid.endDay * 86_400_000).toISOString().slice(0, 10)).toBe("2025-03-11");
  });

  it.each([
    [{ customers: 99 }, "customers: expected an integer from 100 to 200000, found 99"],
    [{ customers: 200_001 }, "customers: expected an integer from 100 to 200000, found 200001"],
    [{ customers: 150.5 }, "found 150.5"],
    [{ customers: "500" }, 'customers: expected an integer from 100 to 200000, found "500"'],
    [{ days: 29 }, "days: expected an integer from 30 to 1100, found 29"],
    [{ days: 1101 }, "found 1101"],
    [{ days: Number.NaN }, "found NaN"],
    [{ seed: 1.5 }, "seed: expected an integer, found 1.5"],
    [{ seed: 2 ** 60 }, "seed: expected an integer"],
    [{ outDir: "" }, 'outDir: expected a directory path, found ""'],
    [{ end: "2024-02-30" }, 'end: expected a date YYYY-MM-DD from 2000-01-01 to 2100-12-31, found "2024-02-30"'],
    [{ end: "30/06/2024" }, 'found "30/06/2024"'],
    [{ end: "1999-12-31" }, 'found "1999-12-31"'],
    [{ onProgress: 5 }, "onProgress: expected a function, found 5"],
  ])("rejects %j", (override, message) => {
    const error = problemOf({ ...good, ...override });
    expect(error.code).toBe(ErrorCode.BadInput);
    expect(error.message).toContain(message);
  });

  it("lists every problem at once", () => {
    const error = problemOf({ outDir: "/tmp/x", customers: 5, days: 5000, seed: 1 });
    expect(error.details).toEqual({
      problems: [
        "customers: expected an integer from 100 to 200000, found 5",
        "days: expected an integer from 30 to 1100, found 5000",
      ],
    });
  });

  it("rejects a missing options object", () => {
    expect(problemOf(undefined).message).toBe("demo options: expected an object, found undefined");
  });
});
