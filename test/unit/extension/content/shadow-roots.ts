import { vi } from 'vitest';

/**
 * Records the shadow roots the code under test attaches (closed ones too, which the page, and so a
 * test, could not otherwise reach).
 */
export function recordShadowRoots(): ShadowRoot[] {
  const roots: ShadowRoot[] = [];
  const attach = Element.prototype.attachShadow;
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init) {
    const root = attach.call(this, init);
    roots.push(root);
    return root;
  });
  return roots;
}

/** The text of every text node in `root` outside its <style>: what window.find() could search. */
export function findableText(root: ShadowRoot): string {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement?.tagName !== 'STYLE') texts.push(node.textContent ?? '');
  }
  return texts.join('');
}
