import { css } from 'lit';

/**
 * Shared look: system fonts only (no web font download), WCAG AA contrast, visible focus, and layouts
 * that work from a tablet in portrait up to a desktop.
 */
export const base = css`
  :host {
    --c-text: #1b1f24;
    --c-muted: #57606a;
    --c-border: #d0d7de;
    --c-bg: #ffffff;
    --c-subtle: #f6f8fa;
    --c-primary: #0b57d0;
    --c-primary-text: #ffffff;
    --c-danger: #b42318;
    --c-ok: #1a7f37;
    --c-a: #b42318;
    --c-b: #9a6700;
    --c-c: #1f6feb;
    --radius: 6px;
    font-family: system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif;
    color: var(--c-text);
    font-size: 15px;
    line-height: 1.5;
  }
  * { box-sizing: border-box; }
  h1 { font-size: 1.4rem; margin: 0 0 0.75rem; }
  h2 { font-size: 1.15rem; margin: 1.25rem 0 0.5rem; }
  h3 { font-size: 1rem; margin: 1rem 0 0.4rem; }
  a { color: var(--c-primary); }
  :focus-visible { outline: 3px solid #ff9e00; outline-offset: 2px; }
  button, .button {
    font: inherit; border: 1px solid var(--c-border); background: var(--c-bg); color: var(--c-text);
    border-radius: var(--radius); padding: 0.4rem 0.9rem; cursor: pointer; min-height: 2.25rem; text-decoration: none;
    display: inline-flex; align-items: center; gap: 0.3rem;
  }
  button.primary { background: var(--c-primary); border-color: var(--c-primary); color: var(--c-primary-text); }
  button:disabled { opacity: 0.6; cursor: default; }
  button.link { border: none; background: none; color: var(--c-primary); padding: 0.2rem; min-height: auto; }
  input, select, textarea {
    font: inherit; border: 1px solid #8c959f; border-radius: var(--radius); padding: 0.4rem 0.5rem;
    background: var(--c-bg); color: var(--c-text); min-height: 2.25rem; max-width: 100%;
  }
  label { display: flex; flex-direction: column; gap: 0.2rem; font-size: 0.9rem; color: var(--c-muted); }
  label > input, label > select, label > textarea { color: var(--c-text); }
  table { border-collapse: collapse; width: 100%; background: var(--c-bg); }
  caption { text-align: left; color: var(--c-muted); padding: 0.3rem 0; }
  th, td { text-align: left; padding: 0.5rem 0.6rem; border-bottom: 1px solid var(--c-border); vertical-align: top; }
  th { background: var(--c-subtle); font-weight: 600; font-size: 0.9rem; }
  tbody tr:hover { background: #f0f6ff; }
  .muted { color: var(--c-muted); }
  .filters { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: flex-end; margin: 0.5rem 0 1rem; }
  .filters label { min-width: 10rem; flex: 1 1 10rem; max-width: 18rem; }
  .card { border: 1px solid var(--c-border); border-radius: var(--radius); padding: 1rem; background: var(--c-bg); margin-bottom: 1rem; }
  .error { color: var(--c-danger); }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 0.5rem 1.5rem; }
  dl.fields { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: 0.4rem 1rem; margin: 0; }
  dl.fields dt { color: var(--c-muted); }
  dl.fields dd { margin: 0; }
  .chip { display: inline-block; border-radius: 999px; padding: 0.05rem 0.6rem; font-size: 0.85rem; border: 1px solid var(--c-border); background: var(--c-subtle); white-space: nowrap; }
  .grade-A { background: #fde8e7; border-color: var(--c-a); color: #8a1c12; }
  .grade-B { background: #fff3cd; border-color: var(--c-b); color: #6b4700; }
  .grade-C { background: #e3eefd; border-color: var(--c-c); color: #0a3f91; }
  .table-wrap { overflow-x: auto; }
  .clipped { text-decoration: underline dotted; text-underline-offset: 0.2em; cursor: help; }
  .visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  @media (max-width: 700px) {
    .hide-narrow { display: none; }
  }
`;
