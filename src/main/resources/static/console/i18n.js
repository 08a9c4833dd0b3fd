// Message bundles (i18n/it.json, i18n/en.json): Italian unless the user chose otherwise, remembered in
// localStorage. Keys are flat ("nav.orders"); {name} in a message is filled from params.

const SUPPORTED = ['it', 'en'];
const STORE_KEY = 'sincro.lang';
let lang = 'it';
let messages = {};

export function language() {
  return lang;
}

export function locale() {
  return lang === 'en' ? 'en-GB' : 'it-IT';
}

export async function loadLanguage(wanted) {
  const chosen = SUPPORTED.includes(wanted) ? wanted
    : (SUPPORTED.includes(localStorage.getItem(STORE_KEY)) ? localStorage.getItem(STORE_KEY) : 'it');
  const answer = await fetch(`console/i18n/${chosen}.json`, { credentials: 'same-origin' });
  messages = await answer.json();
  lang = chosen;
  localStorage.setItem(STORE_KEY, chosen);
  document.documentElement.lang = chosen;
}

export function has(key) {
  return Object.prototype.hasOwnProperty.call(messages, key);
}

export function t(key, params = {}) {
  const text = has(key) ? messages[key] : key;
  return text.replace(/\{(\w+)\}/g, (all, name) => (params[name] === undefined || params[name] === null
    ? all : String(params[name])));
}

/** Fills every element marked data-i18n (the static shell) with its message. */
export function translate(root) {
  root.querySelectorAll('[data-i18n]').forEach((element) => {
    element.textContent = t(element.dataset.i18n);
  });
}
