export { readUsageCubes, type UsageCubes } from "./read-usage-cubes.ts";
