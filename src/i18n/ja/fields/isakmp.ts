export const isakmpJa: Record<string, string> = {};
