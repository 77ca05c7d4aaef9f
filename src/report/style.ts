/** The report's stylesheet, inlined in the page (the report fetches nothing). */
export const REPORT_CSS = `
:root { --fg:#1d232a; --muted:#5b6570; --line:#d5dbe1; --bg:#fff; --panel:#f6f8fa; --sel:#cfe3ff; --hl:#ffe27a; --accent:#0b5cad; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Noto Sans CJK JP", sans-serif; color: var(--fg); background: var(--bg); }
header { padding: 16px 24px 8px; border-bottom: 1px solid var(--line); }
header h1 { margin: 0 0 4px; font-size: 20px; word-break: break-all; }
header p { margin: 0; color: var(--muted); }
nav a { margin-right: 14px; color: var(--accent); text-decoration: none; }
main { padding: 0 24px 24px; }
section { margin-top: 20px; }
h2 { font-size: 17px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 14px 0 6px; }
table { border-collapse: collapse; margin: 4px 0 10px; }
th, td { border: 1px solid var(--line); padding: 3px 7px; text-align: left; vertical-align: top; }
th { background: var(--panel); font-weight: 600; }
table.nested { font-size: 12px; margin: 0; }
dl.kv { margin: 0; display: grid; grid-template-columns: auto 1fr; column-gap: 8px; font-size: 12px; }
dl.kv dt { color: var(--muted); } dl.kv dd { margin: 0; }
.scroll { overflow-x: auto; }
code, .mono, .dump, .rows, .list-head, .layers { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono CJK JP", monospace; }
.sev { padding: 0 5px; border-radius: 3px; }
.sev-error { background: #c62828; color: #fff; } .sev-warn { background: #f9a825; } .sev-note { background: #90caf9; } .sev-chat { background: #e0e0e0; }
svg.ladder { display: block; margin: 6px 0 16px; max-width: 100%; height: auto; }
svg.ladder .end rect { fill: var(--panel); stroke: #8a96a3; }
svg.ladder text { font: 12px ui-monospace, Menlo, Consolas, monospace; fill: var(--fg); }
svg.ladder .role { font-weight: 700; text-anchor: middle; } svg.ladder .addr { text-anchor: middle; fill: var(--muted); }
svg.ladder .label { text-anchor: middle; } svg.ladder .time, svg.ladder .frame, svg.ladder .thead { fill: var(--muted); }
svg.ladder .life { stroke: #8a96a3; stroke-dasharray: 4 3; }
svg.ladder .msg line { stroke: var(--accent); stroke-width: 1.5; }
svg.ladder .head { fill: var(--accent); }
svg.ladder .minor line { stroke: #7f8c98; } svg.ladder .retrans line { stroke: #c62828; } svg.ladder .retrans .label { fill: #c62828; }
svg.ladder .data line { stroke: #2e7d32; stroke-dasharray: 6 4; } svg.ladder .data .label { fill: #2e7d32; font-style: italic; }
svg.ladder g[data-frame] { cursor: pointer; } svg.ladder g[data-frame]:hover text.label { text-decoration: underline; }
.toolbar { display: flex; gap: 14px; align-items: center; margin-bottom: 6px; }
.toolbar input[type=search] { width: 340px; padding: 3px 6px; }
.list { border: 1px solid var(--line); }
.list-head, .row { display: grid; grid-template-columns: 64px 100px 150px 150px 90px 70px 1fr; white-space: nowrap; }
.list-head { background: var(--panel); font-weight: 600; border-bottom: 1px solid var(--line); }
.list-head span, .row span { padding: 0 6px; overflow: hidden; text-overflow: ellipsis; }
.list-body { height: 260px; overflow-y: auto; position: relative; outline: none; }
.rows { position: absolute; top: 0; left: 0; right: 0; font-size: 12.5px; }
.row { height: 20px; line-height: 20px; cursor: default; }
.row.p-pptp { background: #f3e5f5; } .row.p-gre, .row.p-ppp, .row.p-ppplcp, .row.p-pppipcp, .row.p-pppccp, .row.p-pppcomp { background: #e0f7fa; }
.row.p-pppchap, .row.p-ppppap { background: #fff8e1; } .row.p-l2tp { background: #e8eaf6; } .row.p-esp, .row.p-ah, .row.p-udpencap { background: #e8f5e9; }
.row.p-isakmp { background: #fffde7; } .row.sel { background: var(--accent); color: #fff; }
.layers { margin: 6px 0; padding: 4px 6px; background: var(--panel); border: 1px solid var(--line); font-size: 12.5px; overflow-x: auto; white-space: nowrap; }
.panes { display: grid; grid-template-columns: minmax(0, 1.2fr) minmax(0, 1fr); gap: 8px; }
.tree, .hex { border: 1px solid var(--line); height: 460px; overflow: auto; font-size: 12.5px; padding: 4px; }
.tree .line { white-space: pre; cursor: default; padding: 0 2px; }
.tree .line.proto { font-weight: 600; } .tree .line.gen { color: #37474f; } .tree .line.sel { background: var(--sel); }
.tree .line.expert.sev4 { color: #c62828; } .tree .line.expert.sev3 { color: #a15c00; } .tree .line.expert.sev2 { color: #0b5cad; }
.tree .kids { margin-left: 16px; }
.tree .tw { display: inline-block; width: 14px; color: var(--muted); cursor: pointer; }
.tree .ex { display: none; margin-left: 16px; color: #2e5d3a; font-size: 12px; white-space: normal; }
body.explain .tree .ex { display: block; }
.info { min-height: 20px; font-size: 12px; color: var(--muted); padding: 2px 4px; }
.dump .hl-row { white-space: pre; }
.dump .off { color: var(--muted); margin-right: 10px; }
.dump .b { padding: 0 3px; cursor: pointer; } .dump .a { cursor: pointer; }
.dump .as { margin-left: 12px; }
.dump .on-field { background: var(--hl); }
.tabs { margin-bottom: 4px; } .tab { font: inherit; font-size: 12px; margin-right: 4px; } .tab.on { font-weight: 700; }
`;
