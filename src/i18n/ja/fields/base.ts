export const baseJa: Record<string, string> = {};
