// @vitest-environment happy-dom
/**
 * The toast waits while the user is at it: a keyboard user tabbing to "Ongedaan maken", or a
 * pointer over it, keeps it until they leave, and then it gets its whole time again (WCAG 2.2.1).
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { Toast } from '../../../../extension/popup/components/toast';
import { type ToastControls, useToast } from '../../../../extension/popup/hooks/use-toast';

let root: HTMLElement;
let controls: ToastControls | undefined;

function Harness() {
  const [message, toast] = useToast();
  controls = toast;
  return <Toast message={message} onHold={toast.hold} />;
}

beforeEach(async () => {
  vi.useFakeTimers();
  root = document.createElement('div');
  document.body.append(root);
  await act(() => render(<Harness />, root));
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.useRealTimers();
});

const text = () => root.textContent ?? '';
const region = () => root.querySelector('[data-testid="toast"]') as HTMLElement;
async function show(ms: number) {
  await act(() =>
    controls?.show({ text: '‘B’ is verwijderd.', action: { label: 'Ongedaan maken', run: () => {} } }, ms),
  );
}
async function pass(ms: number) {
  await act(() => {
    vi.advanceTimersByTime(ms);
  });
}
async function fire(type: string) {
  await act(() => {
    region().dispatchEvent(new Event(type, { bubbles: type === 'focusin' || type === 'focusout' }));
  });
}

test('without the user at it, it goes after its time', async () => {
  await show(8000);
  await pass(7999);
  expect(text()).toContain('verwijderd');
  await pass(1);
  expect(text()).toBe('');
});

test('focused (Tab to its button): it stays however long, then gets its whole time again', async () => {
  await show(8000);
  await pass(7000);
  await fire('focusin');
  await pass(60_000);
  expect(text()).toContain('verwijderd');
  await fire('focusout');
  await pass(7999);
  expect(text()).toContain('verwijderd');
  await pass(1);
  expect(text()).toBe('');
});

test('the pointer leaving does not release it while its button still has the focus', async () => {
  await show(2500);
  await fire('focusin');
  await fire('mouseenter');
  await fire('mouseleave');
  await pass(10_000);
  expect(text()).toContain('verwijderd');
  await fire('focusout');
  await pass(2500);
  expect(text()).toBe('');
});

test('a focused button that went with its toast (no focusout) does not hold the next one', async () => {
  await show(8000);
  await fire('focusin');
  await act(() => controls?.hide());
  await show(2500);
  await fire('mouseenter');
  await fire('mouseleave');
  await pass(2500);
  expect(text()).toBe('');
});

test('a new toast under the pointer is held at once, and goes once the pointer leaves', async () => {
  await show(2500);
  await fire('mouseenter');
  await act(() => controls?.hide());
  await show(2500);
  await pass(10_000);
  expect(text()).toContain('verwijderd');
  await fire('mouseleave');
  await pass(2500);
  expect(text()).toBe('');
});

// Found by an accessibility review: copying three times in a row, the third said nothing, its
// text being the same as the one still shown. A live region says what is put into it.
test('the same message shown again is a new element in the live region, so it is said again', async () => {
  await act(() => controls?.show({ text: 'Gekopieerd.' }));
  const first = region().querySelector('span');
  expect(first?.textContent).toBe('Gekopieerd.');
  await pass(500);
  await act(() => controls?.show({ text: 'Gekopieerd.' }));
  const second = region().querySelector('span');
  expect(second?.textContent).toBe('Gekopieerd.');
  expect(second).not.toBe(first);
  expect(first?.isConnected).toBe(false);
});
