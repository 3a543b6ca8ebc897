import { expect, test } from 'vitest';
import { clientGroup, clientKey, NOT_AN_ADDRESS } from '../../../../verifier-server/auth/client-key';

test('a throttle counts IPv4 addresses as they are, IPv6 by /64, and IPv4-mapped IPv6 as IPv4', () => {
  expect(clientKey('192.0.2.10')).toBe('192.0.2.10');
  expect(clientKey('::ffff:192.0.2.10')).toBe('192.0.2.10');
  // Every spelling of one /64 is one client; the next /64 is another.
  expect(clientKey('2001:db8:66:1::1')).toBe('2001:db8:66:1::/64');
  expect(clientKey('2001:DB8:66:1:ffff:ffff:ffff:ffff')).toBe('2001:db8:66:1::/64');
  expect(clientKey('2001:0db8:0066:0001:0:0:0:9')).toBe('2001:db8:66:1::/64');
  expect(clientKey('2001:db8:66:2::1')).toBe('2001:db8:66:2::/64');
  expect(clientKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  // Not an address (a broken proxy header): one client together, never one per spelling.
  expect(clientKey('unknown')).toBe(NOT_AN_ADDRESS);
  expect(clientKey('')).toBe(NOT_AN_ADDRESS);
  expect(clientKey('unknown-2')).toBe(NOT_AN_ADDRESS);
});

test('an address a proxy wrote with its port (X-Forwarded-For on some proxies) is that address, whatever the port', () => {
  expect(clientKey('203.0.113.5:1234')).toBe('203.0.113.5');
  expect(clientKey('203.0.113.5:1235')).toBe('203.0.113.5');
  expect(clientGroup('203.0.113.5:1234')).toBe('203.0.113.5');
  expect(clientKey('[2001:db8::1]:443')).toBe('2001:db8:0:0::/64');
  expect(clientKey('[2001:db8::1]')).toBe('2001:db8:0:0::/64');
  expect(clientGroup('[2001:db8:66:1::1]:50000')).toBe('2001:db8:66::/48');
  // Not an address with a port either: the one shared client.
  expect(clientKey('[nonsense]:443')).toBe(NOT_AN_ADDRESS);
  expect(clientKey('example.org:80')).toBe(NOT_AN_ADDRESS);
});

test('the hashing queue groups IPv6 clients by /48, IPv4 by address, and IPv4-mapped IPv6 as IPv4', () => {
  // One subscriber's /48: its 65,536 /64s are as many clients, but one group.
  expect(clientGroup('2001:db8:66:1::1')).toBe('2001:db8:66::/48');
  expect(clientGroup('2001:0DB8:0066:ff00:0:0:0:9')).toBe('2001:db8:66::/48');
  const clients = new Set<string>();
  const groups = new Set<string>();
  for (let i = 0; i < 300; i++) {
    const ip = `2001:db8:66:${i.toString(16)}::1`;
    clients.add(clientKey(ip));
    groups.add(clientGroup(ip));
  }
  expect([clients.size, [...groups]]).toEqual([300, ['2001:db8:66::/48']]);
  expect(clientGroup('2001:db8:67::1')).toBe('2001:db8:67::/48');
  // IPv4: the address itself, also when it came mapped into IPv6; its neighbours are other groups.
  expect(clientGroup('192.0.2.10')).toBe('192.0.2.10');
  expect(clientGroup('::ffff:192.0.2.10')).toBe('192.0.2.10');
  expect(clientGroup('192.0.2.11')).toBe('192.0.2.11');
  // Not an address: the one group of all such clients.
  expect(clientGroup('unknown')).toBe(NOT_AN_ADDRESS);
  expect(clientGroup('')).toBe(NOT_AN_ADDRESS);
});
