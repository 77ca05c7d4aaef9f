export const pppJa: Record<string, string> = {};
