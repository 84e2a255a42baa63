// Builds the page's elements. Text from the server (run names, settings, error messages) only ever
// becomes text nodes or attribute values, never markup.

const svgNamespace = 'http://www.w3.org/2000/svg';

/** An HTML element: h('td', { class: 'num' }, 'text', childElement). Props named on* are listeners. */
export function h(tag, props = {}, ...children) {
  return fill(document.createElement(tag), props, children);
}

/** An SVG element, built the same way. */
export function s(tag, props = {}, ...children) {
  return fill(document.createElementNS(svgNamespace, tag), props, children);
}

/** Replaces an element's children. */
export function replace(element, ...children) {
  element.replaceChildren(...children.flat().filter(c => c !== null && c !== undefined).map(asNode));
  return element;
}

function fill(element, props, children) {
  for (const [name, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) element.append(asNode(child));
  }
  return element;
}

function asNode(child) {
  return child instanceof Node ? child : document.createTextNode(String(child));
}
