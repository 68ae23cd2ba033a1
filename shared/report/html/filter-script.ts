/**
 * The report's only script, inlined: it shows the filters (hidden without JavaScript, where every
 * row stays visible) and hides the findings rows whose data attributes do not match them. It reads
 * no report data from the script itself, so nothing in the data can break out of it.
 */
export const FILTER_SCRIPT = `
(() => {
  'use strict';
  const form = document.getElementById('finding-filters');
  const count = document.getElementById('finding-count');
  const empty = document.getElementById('findings-empty');
  if (!form || !count || !empty) return;
  const rows = Array.from(document.querySelectorAll('#findings tbody tr[data-status]'));
  const selects = Array.from(form.querySelectorAll('select'));
  const apply = () => {
    let shown = 0;
    for (const row of rows) {
      const match = selects.every((select) => select.value === '' || row.dataset[select.name] === select.value);
      row.hidden = !match;
      if (match) shown += 1;
    }
    count.textContent = 'Showing ' + shown + ' of ' + rows.length + ' findings';
    empty.hidden = shown > 0;
  };
  form.addEventListener('change', apply);
  // A reset event fires before the controls take their defaults.
  form.addEventListener('reset', () => setTimeout(apply, 0));
  form.addEventListener('submit', (event) => event.preventDefault());
  form.hidden = false;
  apply();
})();
`;
