/** Colour by protocol for the one-line output (--color auto|always|never, NO_COLOR honoured). */
import kleur from 'kleur';

export type ColorMode = 'auto' | 'always' | 'never';

export function colourEnabled(mode: ColorMode, stream: NodeJS.WriteStream): boolean {
  if (mode === 'never') return false;
  if (mode === 'always') return true;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  return !!stream.isTTY;
}

const BY_PROTOCOL: Record<string, (s: string) => string> = {
  PPTP: kleur.magenta, GRE: kleur.cyan, PPP: kleur.cyan, 'PPP LCP': kleur.cyan, 'PPP PAP': kleur.red, 'PPP CHAP': kleur.yellow,
  'PPP IPCP': kleur.cyan, 'PPP CCP': kleur.cyan, 'PPP Comp': kleur.cyan, L2TP: kleur.blue, ESP: kleur.green, AH: kleur.green,
  ISAKMP: kleur.yellow, UDPENCAP: kleur.green, TCP: kleur.gray, UDP: kleur.gray, ICMP: kleur.white,
};

export function colourLine(line: string, protocol: string, malformed: boolean, on: boolean): string {
  if (!on) return line;
  kleur.enabled = true;
  if (malformed) return kleur.bgRed().white(line);
  const c = BY_PROTOCOL[protocol];
  return c ? c(line) : line;
}
