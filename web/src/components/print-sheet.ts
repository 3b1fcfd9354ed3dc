import { css } from 'lit';

/**
 * The look of a print view: a grey desk with a toolbar (back, print, a tip) above a white sheet of paper, and
 * on paper only the sheet. The host sets the sheet's size and margins: `--sheet-width` (210mm) and
 * `--sheet-padding` (15mm).
 */
export const printSheetStyles = css`
  :host { display: block; background: #e9ecef; min-height: 100vh; padding: 1rem 0 2rem; color: #000; }
  .toolbar { max-width: var(--sheet-width, 210mm); margin: 0 auto 0.75rem; display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; padding: 0 0.5rem; }
  .toolbar .tip { color: var(--c-muted); font-size: 0.85rem; margin: 0; }
  .sheet { background: #fff; width: var(--sheet-width, 210mm); max-width: 100%; margin: 0 auto; padding: var(--sheet-padding, 15mm);
    box-shadow: 0 2px 12px rgba(0, 0, 0, 0.15); }
  @media print {
    :host { background: #fff; padding: 0; min-height: 0; }
    .toolbar { display: none !important; }
    .sheet { width: auto; padding: 0; margin: 0; box-shadow: none; }
  }
`;
