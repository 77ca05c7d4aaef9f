/**
 * The last few sequence numbers a GRE flow carried, each with its frame, to tell a duplicate
 * (seen among them) from a late packet. A ring of two typed arrays that starts small and doubles up
 * to its cap: 8 bytes a number instead of a Map entry's 30-odd, and no Map delete and insert per
 * packet. Numbers are added only when not already held (the sequence analysis guarantees it), so
 * the ring forgets exactly what a Map in insertion order would: the oldest addition first.
 */
const INITIAL = 16;

export class RecentSeqs {
  private seqs: Uint32Array;
  private frames: Uint32Array;
  /** Where the next number goes; once the ring is full, also the oldest number held. */
  private next = 0;
  private count = 0;

  constructor(private readonly cap: number) {
    this.seqs = new Uint32Array(Math.min(INITIAL, cap));
    this.frames = new Uint32Array(this.seqs.length);
  }

  add(seq: number, frame: number): void {
    if (this.count === this.seqs.length && this.count < this.cap) this.grow();
    this.seqs[this.next] = seq;
    this.frames[this.next] = frame;
    this.next = (this.next + 1) % this.seqs.length;
    if (this.count < this.seqs.length) this.count++;
  }

  /** The frame that carried seq, when it is among the numbers held. */
  frameOf(seq: number): number | undefined {
    const n = this.seqs.length;
    for (let i = 1; i <= this.count; i++) {
      const at = (this.next - i + n) % n;
      if (this.seqs[at] === seq >>> 0) return this.frames[at];
    }
    return undefined;
  }

  clear(): void {
    this.next = 0;
    this.count = 0;
  }

  get size(): number {
    return this.count;
  }

  /** Only called when full: the numbers are copied oldest first, so `next` is the count again. */
  private grow(): void {
    const n = Math.min(this.cap, this.seqs.length * 2);
    const seqs = new Uint32Array(n), frames = new Uint32Array(n);
    for (let i = 0; i < this.count; i++) {
      const at = (this.next + i) % this.count;
      seqs[i] = this.seqs[at];
      frames[i] = this.frames[at];
    }
    this.seqs = seqs;
    this.frames = frames;
    this.next = this.count;
  }
}
