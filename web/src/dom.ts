// The two DOM helpers both pages (playground and Train view) build their forms with.

/** The first element matching `selector` (the pages only query elements they created). */
export const $ = <T extends HTMLElement>(selector: string, root: ParentNode = document): T => root.querySelector(selector) as T;

/** A new element with attributes and children. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, children: Array<Node | string> = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}
