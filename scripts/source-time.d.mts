export function newestSourceTime(roots?: string[], base?: string): number;
