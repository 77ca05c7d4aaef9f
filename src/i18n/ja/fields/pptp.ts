export const pptpJa: Record<string, string> = {};
