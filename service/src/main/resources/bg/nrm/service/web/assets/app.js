// Progressive enhancement for every page: GOV.UK Frontend's components and the inbox countdowns. Pages work without it.
import { initAll } from './govuk-frontend.min.js';

document.body.classList.add('govuk-frontend-supported');
initAll();

// Countdowns: the server wrote the time left when the page was made; keep it current without asking the server.
// The wording comes from the page (data-left / data-overdue, with {h} and {m}), so it is in the page's language.
function updateCountdowns() {
  for (const el of document.querySelectorAll('[data-due][data-left]')) {
    const ms = Date.parse(el.dataset.due) - Date.now();
    const minutes = Math.floor(Math.abs(ms) / 60000);
    const text = (ms >= 0 ? el.dataset.left : el.dataset.overdue)
      .replace('{h}', String(Math.floor(minutes / 60))).replace('{m}', String(minutes % 60));
    if (el.textContent !== text) {
      el.textContent = text;
    }
    el.classList.toggle('nrm-overdue', ms < 0);
  }
}
setInterval(updateCountdowns, 30000);
document.body.addEventListener('htmx:afterSwap', updateCountdowns);
