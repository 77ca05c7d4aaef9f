/** The part of cli-table3's internal helpers that session-tables.ts uses (the package ships no types for it). */
declare module 'cli-table3/src/utils.js' {
  const utils: { strlen(text: string): number };
  export default utils;
}
