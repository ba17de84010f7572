/** The iPhone profile: a pure function, valid XML whatever the input, no password, stable UUIDs. */
import { describe, expect, it } from 'vitest';
import { carddavMobileconfig } from '../../../src/main/delivery/carddav/mobileconfig';
import { setupHelp } from '../../../src/main/delivery/carddav/setup-help';

/** A plist's top-level and payload keys, read with a plain parser-free scan (key -> value text). */
function keysOf(xml: string): Map<string, string> {
  const keys = new Map<string, string>();
  for (const match of xml.matchAll(/<key>([^<]*)<\/key>\s*<(\w+)(?:\/>|>([^<]*)<\/\2>)/g)) {
    keys.set(match[1] ?? '', match[3] ?? match[2] ?? '');
  }
  return keys;
}

describe('carddavMobileconfig', () => {
  it('describes a CardDAV account: host, port, principal path, user, SSL; the same input gives the same bytes', () => {
    const input = {
      serverUrl: 'https://dav.example.org:8443/remote.php/dav/',
      principalUrl: 'https://dav.example.org:8443/remote.php/dav/principals/users/anna/',
      username: 'anna',
      description: 'amoCRM (dav.example.org)',
    };
    const xml = carddavMobileconfig(input);
    expect(xml).toBe(carddavMobileconfig(input));
    const keys = keysOf(xml);
    expect(keys.get('PayloadType')).toBe('Configuration');
    expect(xml).toContain('<string>com.apple.carddav.account</string>');
    expect(keys.get('CardDAVHostName')).toBe('dav.example.org');
    expect(keys.get('CardDAVPort')).toBe('8443');
    expect(keys.get('CardDAVPrincipalURL')).toBe('/remote.php/dav/principals/users/anna/');
    expect(keys.get('CardDAVUsername')).toBe('anna');
    expect(keys.get('CardDAVUseSSL')).toBe('true');
    expect(xml).not.toMatch(/Password/);
    expect(keys.get('PayloadUUID')).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
    expect(carddavMobileconfig({ ...input, username: 'boris' })).not.toBe(xml);
  });

  it('a hostile user name or description cannot break out of its string', () => {
    const xml = carddavMobileconfig({
      serverUrl: 'http://127.0.0.1:5232/',
      principalUrl: '/x/',
      username: '</string><key>PayloadType</key><string>evil & "co"\u0000',
      description: "<![CDATA[ ]]> 'amo'",
    });
    expect(xml).toContain('&lt;/string&gt;&lt;key&gt;PayloadType&lt;/key&gt;&lt;string&gt;evil &amp; &quot;co&quot;<');
    expect(xml).not.toContain('\u0000');
    expect(xml.match(/<key>PayloadType<\/key>/g)).toHaveLength(2);
    expect(keysOf(xml).get('CardDAVUseSSL')).toBe('false');
    expect(keysOf(xml).get('CardDAVPort')).toBe('5232');
  });

  it('setup help: a profile for self-hosted servers only; steps for both phones', () => {
    const base = { serverUrl: 'https://dav.example.org/', principalUrl: '/u/', username: 'u', ownBook: true };
    expect(setupHelp({ ...base, provider: 'custom' }).mobileconfig).toContain('com.apple.carddav.account');
    expect(setupHelp({ ...base, provider: 'nextcloud' }).mobileconfig).not.toBeNull();
    for (const provider of ['icloud', 'google', 'yandex', 'fastmail'] as const) {
      const help = setupHelp({ ...base, provider, ownBook: false });
      expect(help.mobileconfig).toBeNull();
      expect(help.iphone.length).toBeGreaterThan(1);
      expect(help.android.length).toBeGreaterThan(1);
    }
    expect(setupHelp({ ...base, provider: 'yandex' }).android.join(' ')).toContain('DAVx⁵');
  });
});
