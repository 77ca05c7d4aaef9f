/**
 * The report's script, run in the browser. It is shipped as the source text of clientMain (so it
 * must not use anything from outside its own body) and works from the JSON embedded in the page:
 * a virtual packet list (only visible rows are in the DOM), and for the selected packet its tree
 * and its bytes, where selecting a field highlights its bytes and selecting a byte selects the field
 * that owns it. Packet text only ever reaches the page through textContent, never as HTML.
 */

/* The compact tree item, as src/report/collect.ts writes it. */
type CNode = [string, number, number, number, number, number, number, CNode[]?];
interface Detail { s: [string, string][]; t: CNode[]; l: string }
interface Meta {
  list: [number, number, string, string, string, number, string][];
  fields: string[];
  texts: string[];
  chunk: number;
  labels: Record<string, string>;
}

export function clientMain(): void {
  const ROW_H = 20;
  const byId = (id: string) => document.getElementById(id) as HTMLElement;
  const meta = JSON.parse(byId('vs-meta').textContent || '{}') as Meta;
  const chunks = new Map<number, Detail[]>();
  const el = (tag: string, cls?: string, text?: string): HTMLElement => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };

  function detail(i: number): Detail | null {
    const k = Math.floor(i / meta.chunk);
    let c = chunks.get(k);
    if (!c) {
      const s = document.getElementById(`vs-d-${k}`);
      if (!s) return null;
      c = JSON.parse(s.textContent || '[]') as Detail[];
      chunks.set(k, c);
    }
    return c[i - k * meta.chunk] ?? null;
  }

  function bytesOf(b64: string): Uint8Array {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let k = 0; k < bin.length; k++) out[k] = bin.charCodeAt(k);
    return out;
  }

  // ---- packet list -------------------------------------------------------------------------
  const scroll = byId('vs-scroll');
  const spacer = byId('vs-spacer');
  const rows = byId('vs-rows');
  const filterBox = byId('vs-filter') as HTMLInputElement;
  const countBox = byId('vs-count');
  let shown: number[] = meta.list.map((_, i) => i);
  let current = -1;

  function rowText(i: number): string {
    const r = meta.list[i];
    return `${r[0]} ${r[1]} ${r[2]} ${r[3]} ${r[4]} ${r[5]} ${r[6]}`.toLowerCase();
  }

  function renderRows(): void {
    spacer.style.height = `${shown.length * ROW_H}px`;
    const first = Math.max(0, Math.floor(scroll.scrollTop / ROW_H) - 5);
    const last = Math.min(shown.length, first + Math.ceil(scroll.clientHeight / ROW_H) + 10);
    rows.style.transform = `translateY(${first * ROW_H}px)`;
    rows.replaceChildren();
    for (let k = first; k < last; k++) {
      const i = shown[k];
      const r = meta.list[i];
      const row = el('div', `row p-${r[4].replace(/[^A-Za-z0-9]/g, '').toLowerCase()}${i === current ? ' sel' : ''}`);
      row.dataset.i = String(i);
      row.append(el('span', 'c-no', String(r[0])), el('span', 'c-time', r[1].toFixed(6)), el('span', 'c-src', r[2]),
        el('span', 'c-dst', r[3]), el('span', 'c-proto', r[4]), el('span', 'c-len', String(r[5])), el('span', 'c-info', r[6]));
      rows.append(row);
    }
    countBox.textContent = `${shown.length} / ${meta.list.length}`;
  }

  function revealRow(i: number): void {
    const k = shown.indexOf(i);
    if (k < 0) return;
    const top = k * ROW_H;
    if (top < scroll.scrollTop || top + ROW_H > scroll.scrollTop + scroll.clientHeight) scroll.scrollTop = top - scroll.clientHeight / 3;
  }

  scroll.addEventListener('scroll', () => renderRows());
  rows.addEventListener('click', (ev) => {
    const row = (ev.target as HTMLElement).closest('.row') as HTMLElement | null;
    if (row) selectPacket(Number(row.dataset.i));
  });
  scroll.addEventListener('keydown', (ev) => {
    const k = shown.indexOf(current);
    if (ev.key === 'ArrowDown' && k + 1 < shown.length) selectPacket(shown[k + 1]);
    else if (ev.key === 'ArrowUp' && k > 0) selectPacket(shown[k - 1]);
    else return;
    ev.preventDefault();
    revealRow(current);
  });
  filterBox.addEventListener('input', () => {
    const q = filterBox.value.trim().toLowerCase();
    shown = [];
    meta.list.forEach((_, i) => {
      if (!q || rowText(i).includes(q)) shown.push(i);
    });
    renderRows();
  });

  // ---- tree and bytes ----------------------------------------------------------------------
  const treeBox = byId('vs-tree');
  const hexBox = byId('vs-hex');
  const layersBox = byId('vs-layers');
  const infoBox = byId('vs-info');
  const explainBox = byId('vs-explain') as HTMLInputElement;
  let tree: CNode[] = [];
  let sources: Uint8Array[] = [];
  let sourceNames: string[] = [];
  let hexDs = -1;
  let byteSpans: HTMLElement[] = [];
  let charSpans: HTMLElement[] = [];
  let selected: HTMLElement | null = null;
  const nodeEls = new Map<string, HTMLElement>();

  function nodeAt(path: string): CNode | null {
    let list: CNode[] | undefined = tree;
    let n: CNode | null = null;
    for (const p of path.split('.')) {
      n = list?.[Number(p)] ?? null;
      if (!n) return null;
      list = n[7];
    }
    return n;
  }

  function makeNode(n: CNode, path: string): HTMLElement {
    const box = el('div', 'node');
    const line = el('div', `line${n[6] & 2 ? ' proto' : ''}${n[6] & 1 ? ' gen' : ''}${n[6] & 4 ? ` expert sev${n[6] >> 4}` : ''}`);
    line.dataset.path = path;
    const kids = n[7];
    line.append(el('span', 'tw', kids ? '▸' : ' '), el('span', 'lbl', n[0]));
    if (n[4] >= 0) line.title = meta.fields[n[4]];
    box.append(line);
    if (n[5] >= 0) box.append(el('div', 'ex', `‣ ${meta.texts[n[5]]}`));
    nodeEls.set(path, box);
    return box;
  }

  function expand(box: HTMLElement, path: string): void {
    const n = nodeAt(path);
    if (!n || !n[7] || box.dataset.open === '1') return;
    const kids = el('div', 'kids');
    n[7].forEach((c, k) => kids.append(makeNode(c, `${path}.${k}`)));
    box.append(kids);
    box.dataset.open = '1';
    (box.querySelector(':scope > .line > .tw') as HTMLElement).textContent = '▾';
  }

  function collapse(box: HTMLElement): void {
    const kids = box.querySelector(':scope > .kids');
    if (!kids) return;
    kids.remove();
    box.dataset.open = '';
    (box.querySelector(':scope > .line > .tw') as HTMLElement).textContent = '▸';
    for (const p of [...nodeEls.keys()]) if (!document.body.contains(nodeEls.get(p)!)) nodeEls.delete(p);
  }

  function showHex(ds: number): void {
    if (ds === hexDs) return;
    hexDs = ds;
    hexBox.replaceChildren();
    byteSpans = [];
    charSpans = [];
    if (sources.length > 1) {
      const tabs = el('div', 'tabs');
      sourceNames.forEach((name, k) => {
        const b = el('button', k === ds ? 'tab on' : 'tab', name);
        b.dataset.ds = String(k);
        tabs.append(b);
      });
      hexBox.append(tabs);
    }
    const bytes = sources[ds] ?? new Uint8Array(0);
    const pre = el('div', 'dump');
    for (let off = 0; off < bytes.length; off += 16) {
      const line = el('div', 'hl-row');
      line.append(el('span', 'off', off.toString(16).padStart(4, '0')));
      const hex = el('span', 'hx');
      const asc = el('span', 'as');
      for (let j = 0; j < 16 && off + j < bytes.length; j++) {
        const b = bytes[off + j];
        const h = el('span', 'b', b.toString(16).padStart(2, '0'));
        h.dataset.o = String(off + j);
        hex.append(h);
        const a = el('span', 'a', b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.');
        a.dataset.o = String(off + j);
        asc.append(a);
        byteSpans[off + j] = h;
        charSpans[off + j] = a;
      }
      line.append(hex, asc);
      pre.append(line);
    }
    hexBox.append(pre);
  }

  function highlight(n: CNode | null): void {
    for (const s of hexBox.querySelectorAll('.on-field')) s.classList.remove('on-field');
    if (!n || n[2] <= 0) return;
    showHex(n[3]);
    for (let o = n[1]; o < n[1] + n[2]; o++) {
      byteSpans[o]?.classList.add('on-field');
      charSpans[o]?.classList.add('on-field');
    }
    byteSpans[n[1]]?.scrollIntoView({ block: 'nearest' });
  }

  function selectPath(path: string): void {
    const parts = path.split('.');
    for (let k = 1; k < parts.length; k++) {
      const p = parts.slice(0, k).join('.');
      const box = nodeEls.get(p);
      if (box) expand(box, p);
    }
    const box = nodeEls.get(path);
    if (!box) return;
    if (selected) selected.classList.remove('sel');
    selected = box.querySelector(':scope > .line') as HTMLElement;
    selected.classList.add('sel');
    selected.scrollIntoView({ block: 'nearest' });
    const n = nodeAt(path);
    infoBox.textContent = n ? `${n[4] >= 0 ? meta.fields[n[4]] : ''}${n[2] > 0 ? `  [${n[1]}–${n[1] + n[2] - 1}]` : ''}${n[5] >= 0 ? `  ${meta.texts[n[5]]}` : ''}` : '';
    highlight(n);
  }

  /** The smallest item covering byte o of data source ds, deepest on a tie. */
  function ownerOf(ds: number, o: number): string | null {
    let best: string | null = null;
    let bestSize = Infinity;
    const walk = (list: CNode[] | undefined, prefix: string) => {
      list?.forEach((n, k) => {
        const path = prefix ? `${prefix}.${k}` : String(k);
        if (n[3] === ds && n[2] > 0 && o >= n[1] && o < n[1] + n[2] && n[2] <= bestSize) {
          best = path;
          bestSize = n[2];
        }
        walk(n[7], path);
      });
    };
    walk(tree, '');
    return best;
  }

  treeBox.addEventListener('click', (ev) => {
    const line = (ev.target as HTMLElement).closest('.line') as HTMLElement | null;
    if (!line) return;
    const path = line.dataset.path!;
    const box = nodeEls.get(path)!;
    if ((ev.target as HTMLElement).classList.contains('tw')) {
      if (box.dataset.open === '1') collapse(box);
      else expand(box, path);
      return;
    }
    selectPath(path);
  });
  treeBox.addEventListener('dblclick', (ev) => {
    const line = (ev.target as HTMLElement).closest('.line') as HTMLElement | null;
    if (!line) return;
    const box = nodeEls.get(line.dataset.path!)!;
    if (box.dataset.open === '1') collapse(box);
    else expand(box, line.dataset.path!);
  });
  hexBox.addEventListener('click', (ev) => {
    const t = ev.target as HTMLElement;
    if (t.classList.contains('tab')) {
      highlight(null);
      showHex(Number(t.dataset.ds));
      return;
    }
    if (t.dataset.o === undefined) return;
    const path = ownerOf(hexDs, Number(t.dataset.o));
    if (path) selectPath(path);
  });
  explainBox.addEventListener('change', () => {
    document.body.classList.toggle('explain', explainBox.checked);
  });

  function selectPacket(i: number): void {
    const d = detail(i);
    if (!d) return;
    current = i;
    tree = d.t;
    sources = d.s.map((s) => bytesOf(s[1]));
    sourceNames = d.s.map((s) => s[0]);
    hexDs = -1;
    selected = null;
    nodeEls.clear();
    treeBox.replaceChildren();
    tree.forEach((n, k) => treeBox.append(makeNode(n, String(k))));
    layersBox.textContent = d.l;
    infoBox.textContent = '';
    showHex(0);
    renderRows();
  }

  /** Ladder arrows and finding links name a frame: show that packet. */
  function gotoFrame(frame: number): void {
    const i = meta.list.findIndex((r) => r[0] === frame);
    if (i < 0) return;
    if (!shown.includes(i)) {
      filterBox.value = '';
      shown = meta.list.map((_, k) => k);
    }
    selectPacket(i);
    revealRow(i);
    renderRows();
    byId('packets').scrollIntoView({ block: 'start' });
  }
  document.addEventListener('click', (ev) => {
    const t = (ev.target as Element).closest('[data-frame]') as HTMLElement | SVGElement | null;
    if (!t || (t as HTMLElement).closest('#packets')) return;
    ev.preventDefault();
    gotoFrame(Number(t.getAttribute('data-frame')));
  });

  renderRows();
  if (meta.list.length) selectPacket(0);
  else infoBox.textContent = meta.labels.select ?? '';
}
