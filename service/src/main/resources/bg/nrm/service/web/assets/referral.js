// Opens a referral in the browser: the organisation's secret key (from a file the user picks) decrypts the OpenPGP
// message, and the service's public key must verify its signature. The key and the plaintext stay in this page:
// nothing is sent anywhere. The plaintext is a MIME document (a text part for people, a JSON part for machines);
// older envelopes are plain JSON, shown pretty-printed. Everything is written with textContent, never as HTML.
import * as openpgp from './openpgp.min.mjs';

const form = document.getElementById('open-referral');
const status = document.getElementById('open-status');
const wrapper = document.getElementById('referral-document-wrapper');
const output = document.getElementById('referral-document');
const verified = document.getElementById('referral-verified');

function clearErrors() {
  document.getElementById('open-errors').replaceChildren();
  for (const id of ['key-file', 'passphrase']) {
    document.getElementById(id + '-group').classList.remove('govuk-form-group--error');
    const message = document.getElementById(id + '-error');
    message.textContent = '';
    message.classList.add('nrm-hidden');
    document.getElementById(id).setAttribute('aria-describedby', id + '-hint');
  }
}

// The same error summary and field message as the server's forms, linked to the field.
function showError(fieldId, text) {
  const summary = document.createElement('div');
  summary.className = 'govuk-error-summary';
  summary.setAttribute('tabindex', '-1');
  const alert = document.createElement('div');
  alert.setAttribute('role', 'alert');
  const title = document.createElement('h2');
  title.className = 'govuk-error-summary__title';
  title.textContent = form.dataset.errorTitle;
  const list = document.createElement('ul');
  list.className = 'govuk-list govuk-error-summary__list';
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.href = '#' + fieldId;
  link.textContent = text;
  item.append(link);
  list.append(item);
  const body = document.createElement('div');
  body.className = 'govuk-error-summary__body';
  body.append(list);
  alert.append(title, body);
  summary.append(alert);
  document.getElementById('open-errors').replaceChildren(summary);
  document.getElementById(fieldId + '-group').classList.add('govuk-form-group--error');
  const message = document.getElementById(fieldId + '-error');
  message.textContent = text;
  message.classList.remove('nrm-hidden');
  document.getElementById(fieldId).setAttribute('aria-describedby', fieldId + '-hint ' + fieldId + '-error');
  status.textContent = '';
  summary.focus();
}

function decodeQuotedPrintable(text) {
  const bytes = [];
  const soft = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.substr(i + 1, 2))) {
      bytes.push(parseInt(soft.substr(i + 1, 2), 16));
      i += 2;
    } else {
      bytes.push(...new TextEncoder().encode(soft[i]));
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

function decodeBase64(text) {
  const binary = atob(text.replace(/\s+/g, ''));
  return new TextDecoder().decode(Uint8Array.from(binary, c => c.charCodeAt(0)));
}

function headersAndBody(part) {
  const split = part.search(/\r?\n\r?\n/);
  const head = split < 0 ? part : part.slice(0, split);
  const body = split < 0 ? '' : part.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
  }
  return { headers, body };
}

function decodePart(headers, body) {
  const encoding = (headers['content-transfer-encoding'] || '').toLowerCase();
  if (encoding === 'base64') {
    return decodeBase64(body);
  }
  if (encoding === 'quoted-printable') {
    return decodeQuotedPrintable(body);
  }
  return body;
}

// The text a person reads: the MIME document's text/plain part; for an old envelope, its JSON pretty-printed.
export function readable(plaintext) {
  const trimmed = plaintext.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(JSON.parse(trimmed), null, 2);
    } catch (e) {
      return plaintext;
    }
  }
  const top = headersAndBody(plaintext);
  const type = top.headers['content-type'] || '';
  const boundary = /boundary="?([^";]+)"?/i.exec(type);
  if (!boundary) {
    return type.toLowerCase().startsWith('text/') ? decodePart(top.headers, top.body) : plaintext;
  }
  const parts = top.body.split('--' + boundary[1]).slice(1).filter(p => !p.startsWith('--'));
  for (const part of parts) {
    const { headers, body } = headersAndBody(part.replace(/^\r?\n/, ''));
    if ((headers['content-type'] || 'text/plain').toLowerCase().startsWith('text/plain')) {
      return decodePart(headers, body).replace(/\r?\n$/, '');
    }
  }
  for (const part of parts) {
    const { headers, body } = headersAndBody(part.replace(/^\r?\n/, ''));
    if ((headers['content-type'] || '').toLowerCase().startsWith('application/json')) {
      return readable(decodePart(headers, body));
    }
  }
  return plaintext;
}

async function fetchText(url) {
  const response = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok) {
    throw new Error('fetch ' + response.status);
  }
  return response.text();
}

async function open(event) {
  event.preventDefault();
  clearErrors();
  const file = document.getElementById('key-file').files[0];
  if (!file) {
    showError('key-file', form.dataset.noKey);
    return;
  }
  status.textContent = form.dataset.working;
  let key;
  try {
    key = await openpgp.readPrivateKey({ armoredKey: await file.text() });
  } catch (e) {
    showError('key-file', form.dataset.badKey);
    return;
  }
  if (!key.isDecrypted()) {
    try {
      key = await openpgp.decryptKey({ privateKey: key, passphrase: document.getElementById('passphrase').value });
    } catch (e) {
      showError('passphrase', form.dataset.badPassphrase);
      return;
    }
  }
  try {
    const [armoredMessage, serviceKey] = await Promise.all([
      fetchText(form.dataset.message), fetchText(form.dataset.serviceKey)]);
    // expectSigned: decryption fails unless the service's key verifies the signature.
    const { data } = await openpgp.decrypt({
      message: await openpgp.readMessage({ armoredMessage }),
      decryptionKeys: key,
      verificationKeys: await openpgp.readKey({ armoredKey: serviceKey }),
      expectSigned: true,
    });
    output.textContent = readable(data);
    verified.textContent = form.dataset.verified;
    wrapper.classList.remove('nrm-hidden');
    status.textContent = '';
    output.focus();
  } catch (e) {
    showError('key-file', form.dataset.failed);
  } finally {
    document.getElementById('passphrase').value = '';
  }
}

if (form) {
  form.addEventListener('submit', open);
}
