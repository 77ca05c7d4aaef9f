export const l2tpJa: Record<string, string> = {};
