import { expect, vi } from 'vitest';

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

/** The text of every text node in `root`: what window.find() could search. */
export function findableText(root: ShadowRoot): string {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node.textContent ?? '');
  return texts.join('');
}

/**
 * Asserts that `root` has its styles as an adopted (constructed) stylesheet, with the rule that
 * shows the texts, and no <style> element: a page's Content-Security-Policy governs the latter,
 * and would leave the texts empty (overlay-styles.ts).
 */
export function expectAdoptedStyles(root: ShadowRoot): void {
  expect(root.querySelector('style')).toBeNull();
  const rules = root.adoptedStyleSheets.flatMap((sheet) =>
    Array.from(sheet.cssRules, (rule) => (rule as CSSStyleRule).selectorText),
  );
  expect(rules).toContain('[data-text]::before');
}
