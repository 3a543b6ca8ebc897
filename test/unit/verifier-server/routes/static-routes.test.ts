import { afterEach, beforeEach, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.app.close();
});

test("every page names the portal's icon, which is served, so the browser asks for no /favicon.ico", async () => {
  const login = await t.app.inject({ method: 'GET', url: '/login' });
  expect(login.body).toContain('<link rel="icon" href="/static/favicon.svg" type="image/svg+xml"/>');
  const icon = await t.app.inject({ method: 'GET', url: '/static/favicon.svg' });
  expect(icon.statusCode).toBe(200);
  expect(icon.headers['content-type']).toBe('image/svg+xml');
  expect(icon.body).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>.*<\/svg>$/);
  // The page's CSP lets it load from the portal itself.
  expect(login.headers['content-security-policy']).toContain("img-src 'self'");
});

test('/favicon.ico, which browsers still ask for on what is not a page, answers with the same icon', async () => {
  const icon = await t.app.inject({ method: 'GET', url: '/favicon.ico' });
  expect(icon.statusCode).toBe(200);
  expect(icon.headers['content-type']).toBe('image/svg+xml');
  const svg = await t.app.inject({ method: 'GET', url: '/static/favicon.svg' });
  expect(icon.body).toBe(svg.body);
});

test("every page loads the portal's script from the portal itself, which the CSP allows and nothing inline", async () => {
  const login = await t.app.inject({ method: 'GET', url: '/login' });
  expect(login.body).toContain('<script src="/static/portal.js" defer></script>');
  expect(login.body.match(/<script/g)).toHaveLength(1);
  expect(login.headers['content-security-policy']).toContain("script-src 'self'");
  expect(login.headers['content-security-policy']).not.toContain('unsafe-inline');
  const script = await t.app.inject({ method: 'GET', url: '/static/portal.js' });
  expect(script.statusCode).toBe(200);
  expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
  expect(script.body).toMatch(/^"use strict";/);
});

// Found by an accessibility review: a screen reader read the menu's arrow ("demo ▾").
test("the user menu's arrow is drawn, not read: its generated content has an empty alternative", async () => {
  const css = await t.app.inject({ method: 'GET', url: '/static/app.css' });
  // The plain one first: a browser without alternative text for generated content keeps it.
  expect(css.body).toContain('details.menu summary::after { content: " ▾"; content: " ▾" / ""; }');
});
