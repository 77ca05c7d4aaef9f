export const ipsecJa: Record<string, string> = {};
