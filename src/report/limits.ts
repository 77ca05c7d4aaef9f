/** How many packets the HTML report keeps for its packet browser by default (all are counted in sessions and findings). */
export const DEFAULT_MAX_PACKETS = 20_000;
