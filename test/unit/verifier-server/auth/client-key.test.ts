import { expect, test } from 'vitest';
import { clientKey } from '../../../../verifier-server/auth/client-key';

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
