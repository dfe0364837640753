// Small behaviours hung on data-* attributes, so no page needs inline script (the
// Content-Security-Policy forbids it): data-print prints the page, data-select-all selects a
// field's text when tapped, a form's data-confirm asks before it is sent.
document.addEventListener("click", (event) => {
  const target = event.target instanceof Element ? event.target : null;
  if (!target) return;
  if (target.closest("[data-print]")) window.print();
  const field = target.closest("[data-select-all]");
  if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) field.select();
});

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});
