// Builds DOM nodes without HTML strings, so that text from the engine is never read as markup.

/**
  * h('li', { class: 'alert', dataset: { kind: 'regraded' } }, 'text', child) — attributes whose value is
  * null, undefined or false are left out; children that are null, undefined or false are skipped.
  */
export function h(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes ?? {})) {
        if (value === null || value === undefined || value === false) {
            continue;
        }

        if (name === 'dataset') {
            Object.assign(element.dataset, value);
        } else if (name.startsWith('on') && typeof value === 'function') {
            element.addEventListener(name.slice(2), value);
        } else if (name === 'value') {
            element.value = value;
        } else {
            element.setAttribute(name, value === true ? '' : String(value));
        }
    }

    append(element, children);
    return element;
}

function append(element, children) {
    for (const child of children) {
        if (child === null || child === undefined || child === false) {
            continue;
        }

        if (Array.isArray(child)) {
            append(element, child);
        } else {
            element.append(child instanceof Node ? child : String(child));
        }
    }
}

/** "赶赴现场" and "Reach scene" as two spans, so each language can be styled (and the English kept on one line). */
export function bilingual(term, className = 'term') {
    return h('span', { class: className }, h('span', { class: 'zh', lang: 'zh-CN' }, term.zh), ' ', h('span', { class: 'en', lang: 'en' }, term.en));
}
