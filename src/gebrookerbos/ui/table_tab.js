/* Tab leaves a table (WCAG 2.1.1 and 2.1.2). Streamlit's tables (a canvas data grid) keep
 * the Tab key for themselves: once the keyboard is in one, Tab stays there, and the
 * controls after the table are out of reach. Here a Tab in a table goes on to the next
 * control after it, as everywhere else on the page; the arrow keys still move from cell
 * to cell, and Shift+Tab goes back as before. Loaded on every page by
 * gebrookerbos.ui.page_head; installs itself once per page. */
(() => {
  if (window.__gbTableTab) return;
  window.__gbTableTab = true;
  const TABBABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]),' +
    ' select:not([disabled]), textarea:not([disabled]), summary, iframe,' +
    ' [tabindex]:not([tabindex="-1"])';
  const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Tab' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return;
    const table = event.target.closest && event.target.closest('[data-testid="stDataFrameResizable"]');
    if (!table) return;
    const next = [...document.querySelectorAll(TABBABLE)].find(el =>
      !table.contains(el) && shown(el) &&
      (table.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING));
    if (!next) return;  // the table is the last control: the browser's own Tab goes on
    event.preventDefault();
    event.stopImmediatePropagation();
    next.focus();
  }, true);
})();
