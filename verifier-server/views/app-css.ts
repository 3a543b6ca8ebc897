/** The one stylesheet, served at /static/app.css (the CSP allows no inline styles). Light and dark follow the system. */
export const APP_CSS = `
:root { color-scheme: light dark; --bg: #eef0f3; --card: #fff; --fg: #1c2430; --muted: #556070; --brand: #0f2f57;
  --accent: #c8185a; --link: #0b5cad; --border: #c9cfd8; --error-bg: #fdecef; --error: #9b1030; --ok-bg: #e6f4ea; --ok: #1d6b35;
  --warn-bg: #fff4d6; --warn: #5c3b00; --focus: #0b3d91; }
@media (prefers-color-scheme: dark) { :root { --bg: #12161c; --card: #1b2129; --fg: #e7ebf0; --muted: #a3adba;
  --brand: #0b2340; --link: #7db7f5; --border: #394350; --error-bg: #3a1620; --error: #ffb3c4; --ok-bg: #16321f; --ok: #9be2b0;
  --warn-bg: #3a2c0a; --warn: #ffd98a; --focus: #ffd166; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: var(--bg); color: var(--fg); }
a { color: var(--link); }
.skip { position: absolute; left: -999px; } .skip:focus { left: 8px; top: 8px; background: var(--card); padding: 8px; z-index: 2; }
header.top { background: var(--brand); color: #fff; display: flex; align-items: center; gap: 16px; padding: 10px 24px; }
header.top .brand { font-weight: 700; font-size: 1.2rem; color: #fff; text-decoration: none; margin-right: auto; }
header.top a, header.top summary { color: #fff; }
details.menu { position: relative; } details.menu summary { cursor: pointer; list-style: none; padding: 4px 8px; border-radius: 4px; }
details.menu summary::after { content: " ▾"; content: " ▾" / ""; }
/* A message that took the focus as the page loaded (portal.js) is read, not operated: no ring. */
main > [tabindex="-1"]:focus { outline: none; }
details.menu[open] summary, details.menu summary:focus-visible { background: rgba(255,255,255,.15); }
details.menu .items { position: absolute; right: 0; top: 2.2rem; background: var(--card); color: var(--fg); border: 1px solid var(--border);
  border-radius: 6px; min-width: 180px; box-shadow: 0 6px 20px rgba(0,0,0,.2); padding: 6px 0; z-index: 1; }
details.menu .items a, details.menu .items button { display: block; width: 100%; text-align: left; padding: 8px 14px; color: var(--fg);
  background: none; border: 0; font: inherit; text-decoration: none; cursor: pointer; }
details.menu .items a:hover, details.menu .items button:hover { background: var(--bg); }
main { max-width: 760px; margin: 32px auto; padding: 0 16px; }
.card { background: var(--card); border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,.12); margin-bottom: 24px; }
.card > h1, .card > h2 { margin: 0; padding: 12px 20px; font-size: 1.15rem; background: var(--accent); color: #fff; border-radius: 8px 8px 0 0; }
.card .body { padding: 20px; }
.narrow { max-width: 460px; margin-left: auto; margin-right: auto; }
label { display: block; font-weight: 600; margin: 14px 0 4px; }
label.check { font-weight: 400; display: flex; gap: 8px; align-items: center; }
input[type=text], input[type=password], input[type=tel], select { width: 100%; padding: 9px 10px; font: inherit; color: var(--fg);
  background: var(--card); border: 1px solid var(--border); border-radius: 4px; }
/* The focus ring: dark on the light cards (3:1 and more against white and the page), light in dark mode, amber on the navy header. */
input:focus-visible, select:focus-visible, button:focus-visible, a:focus-visible, summary:focus-visible, .table-scroll:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 2px; }
header.top > a:focus-visible, header.top summary:focus-visible { outline-color: #f0a500; }
input.code { font-size: 1.4rem; letter-spacing: .3em; max-width: 12ch; font-variant-numeric: tabular-nums; }
.hint { color: var(--muted); font-size: .9rem; margin: 4px 0 0; }
.row { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; margin-top: 18px; }
.row.split { justify-content: space-between; }
button, .button { display: inline-block; padding: 9px 18px; font: inherit; font-weight: 600; border-radius: 4px; border: 1px solid transparent;
  background: var(--link); color: #fff; cursor: pointer; text-decoration: none; }
button.secondary, .button.secondary { background: transparent; color: var(--link); border-color: var(--border); }
button.link { background: none; border: 0; padding: 0; color: var(--link); text-decoration: underline; font-weight: 400; }
button.danger { background: #b3261e; }
form[aria-busy="true"] button { cursor: progress; }
.alert { padding: 10px 14px; border-radius: 4px; margin: 0 0 14px; background: var(--error-bg); color: var(--error); }
.demo-notice { padding: 8px 14px; border-radius: 4px; margin: 0 0 14px; background: var(--warn-bg); color: var(--warn); }
.warning { padding: 10px 14px; border-radius: 4px; margin: 0 0 14px; background: var(--warn-bg); color: var(--warn); }
.notice { padding: 10px 14px; border-radius: 4px; margin: 0 0 14px; background: var(--ok-bg); color: var(--ok); }
dl.details { display: grid; grid-template-columns: max-content 1fr; gap: 8px 16px; margin: 0; } dl.details dt { font-weight: 600; }
dl.details dd { margin: 0; overflow-wrap: anywhere; }
@media (max-width: 480px) { dl.details { grid-template-columns: 1fr; gap: 0 16px; } dl.details dd { margin-bottom: 8px; } }
/* A table wider than the screen (200 % zoom and more) scrolls within itself; nothing is cut off. */
.table-scroll { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; } th, td { text-align: left; padding: 8px 6px; border-bottom: 1px solid var(--border); vertical-align: top; }
td form { display: inline; }
.qr { display: block; margin: 16px 0; width: 246px; height: 246px; image-rendering: pixelated; background: #fff; }
code.key { font-size: 1.15rem; letter-spacing: .05em; word-spacing: .4em; background: var(--bg); padding: 4px 8px; border-radius: 4px; }
code.key span { white-space: nowrap; }
.inline-form { display: flex; gap: 8px; align-items: end; flex-wrap: wrap; } .inline-form input { max-width: 260px; }
footer { text-align: center; color: var(--muted); font-size: .85rem; margin: 24px 0; }
pre.body { white-space: pre-wrap; margin: 0; font: inherit; }
`;
