import { expect, test } from 'vitest';
import { clientGroup, clientKey } from '../../../../verifier-server/auth/client-key';

test('a throttle counts IPv4 addresses as they are, IPv6 by /64, and IPv4-mapped IPv6 as IPv4', () => {
  expect(clientKey('192.0.2.10')).toBe('192.0.2.10');
  expect(clientKey('::ffff:192.0.2.10')).toBe('192.0.2.10');
  // Every spelling of one /64 is one client; the next /64 is another.
  expect(clientKey('2001:db8:66:1::1')).toBe('2001:db8:66:1::/64');
  expect(clientKey('2001:DB8:66:1:ffff:ffff:ffff:ffff')).toBe('2001:db8:66:1::/64');
  expect(clientKey('2001:0db8:0066:0001:0:0:0:9')).toBe('2001:db8:66:1::/64');
  expect(clientKey('2001:db8:66:2::1')).toBe('2001:db8:66:2::/64');
  expect(clientKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  // Not an address (a broken proxy header): counted as it came.
  expect(clientKey('unknown')).toBe('unknown');
  expect(clientKey('')).toBe('');
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
  // Not an address: its own group, as it is its own client.
  expect(clientGroup('unknown')).toBe('unknown');
  expect(clientGroup('')).toBe('');
});
