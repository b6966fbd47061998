// Administrator's pages: a key file chosen from disk fills the text box the form sends (the form works without this:
// the key can be pasted). The file is only read here; nothing is sent until the administrator presses the button.
(function () {
  'use strict';
  for (const input of document.querySelectorAll('input[type=file][data-fills]')) {
    input.addEventListener('change', async () => {
      const target = document.getElementById(input.dataset.fills);
      const file = input.files && input.files[0];
      if (target && file) {
        target.value = await file.text();
      }
    });
  }
})();
