/**
 * A small, namespace-free element tree and the few ways we walk it.
 * CAP and JMA readers only need "first child named X", "all children named X" and trimmed text,
 * so this stays deliberately tiny (no XPath).
 */

export type XmlElement = {
  /** Local name: namespace prefixes are removed (`cap:alert` → `alert`, `jmx_eb:Coordinate` → `Coordinate`). */
  name: string;
  /** Attribute values with entities decoded; prefixes removed; no `xmlns` declarations. */
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own character data (text and CDATA, entities decoded, not trimmed). */
  text: string;
};

/** First child element called `name`. */
export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

/** All child elements, or those called `name`. */
export function children(element: XmlElement | undefined, name?: string): XmlElement[] {
  if (element === undefined) return [];
  return name === undefined ? element.children : element.children.filter((c) => c.name === name);
}

/** Follows a path of child names, taking the first match at each step: `at(report, "Head", "Title")`. */
export function at(element: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  let current = element;
  for (const name of names) current = child(current, name);
  return current;
}

/** Follows a path of child names, fanning out at each step: `all(body, "Warning", "Item")`. */
export function all(element: XmlElement | undefined, ...names: string[]): XmlElement[] {
  let current: XmlElement[] = element === undefined ? [] : [element];
  for (const name of names) current = current.flatMap((e) => children(e, name));
  return current;
}

/** Trimmed text at a path, or undefined when the element is missing. Empty elements give "". */
export function textAt(element: XmlElement | undefined, ...names: string[]): string | undefined {
  return at(element, ...names)?.text.trim();
}

/** Every descendant (depth first, document order) called `name`. Iterative: deep trees cannot overflow the stack. */
export function descendants(element: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const stack: XmlElement[] = [...element.children].reverse();
  while (stack.length > 0) {
    const next = stack.pop() as XmlElement;
    if (next.name === name) found.push(next);
    for (let i = next.children.length - 1; i >= 0; i--) stack.push(next.children[i] as XmlElement);
  }
  return found;
}
