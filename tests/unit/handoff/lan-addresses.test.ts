import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { connectionKindOf, preferRemembered, rankLanAddresses } from '../../../src/main/delivery/handoff/lan-addresses';

function v4(address: string, netmask = '255.255.255.0', internal = false): NetworkInterfaceInfo {
  return { address, netmask, family: 'IPv4', mac: '00:00:00:00:00:00', internal, cidr: `${address}/24` };
}
function v6(address: string): NetworkInterfaceInfo {
  return {
    address,
    netmask: 'ffff:ffff:ffff:ffff::',
    family: 'IPv6',
    mac: '00:00:00:00:00:00',
    internal: false,
    cidr: null,
    scopeid: 0,
  };
}

describe('choosing the address for the QR code', () => {
  it('puts Wi-Fi and Ethernet first and drops loopback, link-local, VPN and virtual adapters', () => {
    const ranked = rankLanAddresses({
      lo: [v4('127.0.0.1', '255.0.0.0', true)],
      docker0: [v4('172.17.0.1', '255.255.0.0')],
      'vEthernet (WSL)': [v4('172.20.80.1', '255.255.240.0')],
      tailscale0: [v4('100.101.102.103', '255.255.255.255')],
      utun3: [v4('10.8.0.2')],
      eth1: [v4('169.254.10.20', '255.255.0.0')],
      wlan0: [v4('192.168.1.34'), v6('fe80::1')],
      enp3s0: [v4('10.0.0.7', '255.255.255.0')],
    });
    expect(ranked.map((a) => a.address)).toEqual(['192.168.1.34', '10.0.0.7']);
    expect(ranked[0]).toEqual({
      address: '192.168.1.34',
      interfaceName: 'wlan0',
      kind: 'wifi',
      network: '192.168.1.0/24',
    });
    expect(ranked[1]?.kind).toBe('cable');
  });

  it('names the connection as a person does: Wi-Fi, a cable, or just a network when the name does not say', () => {
    const kinds = Object.fromEntries(
      ['wlan0', 'wlp2s0', 'Wi-Fi', 'Wi-Fi 2', 'Беспроводная сеть', 'eth0', 'enp3s0', 'Ethernet', 'en0', 'bond0'].map(
        (name) => [name, connectionKindOf(name)],
      ),
    );
    expect(kinds).toEqual({
      wlan0: 'wifi',
      wlp2s0: 'wifi',
      'Wi-Fi': 'wifi',
      'Wi-Fi 2': 'wifi',
      'Беспроводная сеть': 'wifi',
      eth0: 'cable',
      enp3s0: 'cable',
      Ethernet: 'cable',
      // macOS calls Wi-Fi and Ethernet both en0, en1...: the name cannot tell.
      en0: 'network',
      bond0: 'network',
    });
  });

  it('ranks an address ending in .1 last (a gateway, hotspot or virtual host side)', () => {
    const ranked = rankLanAddresses({ en0: [v4('192.168.137.1')], en1: [v4('192.168.0.15')] });
    expect(ranked.map((a) => a.address)).toEqual(['192.168.0.15', '192.168.137.1']);
  });

  it('keeps a public or unusual address as a last resort rather than offering nothing', () => {
    expect(rankLanAddresses({ eth0: [v4('192.0.2.2')] }).map((a) => a.address)).toEqual(['192.0.2.2']);
    expect(rankLanAddresses({ lo: [v4('127.0.0.1', '255.0.0.0', true)] })).toEqual([]);
  });

  it('puts the address the user picked on this network first, and ignores choices for other networks', () => {
    const ranked = rankLanAddresses({ wlan0: [v4('192.168.1.34')], eth0: [v4('192.168.1.35')] });
    expect(preferRemembered(ranked, { '192.168.1.0/24': '192.168.1.35' }).map((a) => a.address)).toEqual([
      '192.168.1.35',
      '192.168.1.34',
    ]);
    expect(preferRemembered(ranked, { '10.0.0.0/8': '10.0.0.5' }).map((a) => a.address)).toEqual([
      '192.168.1.34',
      '192.168.1.35',
    ]);
  });
});
