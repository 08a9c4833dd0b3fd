// Building pages from data without innerHTML: shop data (names, addresses, notes) is never markup.
import { locale, t } from './i18n.js';

/** h('button', {type: 'button', onclick: f}, 'text', child…): attributes starting with "on" are listeners. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.substring(2), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, value);
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(element, child);
    } else if (child instanceof Node) {
      element.appendChild(child);
    } else {
      element.appendChild(document.createTextNode(String(child)));
    }
  }
}

export function when(instant) {
  if (!instant) {
    return '—';
  }
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? String(instant) : date.toLocaleString(locale());
}

/** A state as words, keeping its code for machines (tests, styles) in data-state. */
export function stateBadge(state) {
  return h('span', { class: `state state-${String(state).toLowerCase()}`, dataset: { state } },
    t(`state.${state}`) === `state.${state}` ? state : t(`state.${state}`));
}

/** A label around a control, with the place for its error under it (data-error-for). */
export function field(label, control, hint) {
  const id = control.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  control.id = id;
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    control,
    hint ? h('small', { class: 'hint' }, hint) : null,
    h('p', { class: 'field-error', 'data-error-for': control.dataset.field || id, role: 'alert' }));
}

export function table(headers, rows, attributes = {}) {
  return h('table', attributes,
    h('thead', {}, h('tr', {}, headers.map((header) => h('th', { scope: 'col' }, header)))),
    h('tbody', {}, rows));
}

export function definitions(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(Boolean).map(([term, value]) => [h('dt', {}, term),
    h('dd', {}, value === undefined || value === null || value === '' ? '—' : value)]));
}
