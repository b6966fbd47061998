// Progressive enhancement for every page: GOV.UK Frontend's components. Pages work without it.
import { initAll } from './govuk-frontend.min.js';

document.body.classList.add('govuk-frontend-supported');
initAll();
