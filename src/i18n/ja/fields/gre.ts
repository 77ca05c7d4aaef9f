export const greJa: Record<string, string> = {};
