/**
 * Which address goes into the QR code. A laptop has many: Wi-Fi, Ethernet, Docker
 * bridges, WSL/Hyper-V, VPN tunnels. A phone on the same Wi-Fi can reach only the first
 * two, so those come first; virtual adapters, VPNs, link-local and loopback are dropped;
 * an address ending in .1 (probably a gateway, hotspot or virtual host side) goes last,
 * as LocalSend does. The user can pick another one, remembered per network.
 */
import type { NetworkInterfaceInfo } from 'node:os';
import type { LanAddress } from '../../../shared/api/types';

/** Names of virtual and tunnel adapters on Linux, macOS and Windows. */
const virtualAdapter =
  /^(docker|br-|veth|virbr|vmnet|vboxnet|vethernet|utun|tun|tap|wg|tailscale|zt|ham|awdl|llw|anpi|ppp|ipsec|gif|stf|bridge|lxc|lxd|cni|flannel|cali|podman|kube)|virtualbox|vmware|hyper-v|wsl|loopback|pseudo/i;

/** Names that are usually the real Wi-Fi or Ethernet adapter. */
const physicalAdapter = /^(en\d|eth|wlan|wlp|wlo|enp|eno|ens|wl|wi-?fi|ethernet|беспроводная|ethernet)/i;

/**
 * What a person calls the adapter: Wi-Fi or a cable, from its name (Linux wlan0 or wlp2s0, Windows
 * "Wi-Fi" or "Беспроводная сеть"; eth0, enp3s0, "Ethernet"). macOS names both en0, en1...: unknown.
 */
export function connectionKindOf(interfaceName: string): LanAddress['kind'] {
  if (/^(wlan|wlp|wlo|wl\d|wi-?fi|wireless|беспроводн)/i.test(interfaceName)) return 'wifi';
  if (/^(eth|enp|eno|ens|ethernet|подключение по локальной)/i.test(interfaceName)) return 'cable';
  return 'network';
}

export function rankLanAddresses(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): LanAddress[] {
  const candidates: Array<LanAddress & { score: number }> = [];
  for (const [interfaceName, infos] of Object.entries(interfaces)) {
    if (!infos || virtualAdapter.test(interfaceName)) continue;
    for (const info of infos) {
      if (info.family !== 'IPv4' || info.internal) continue;
      const octets = info.address.split('.').map(Number);
      const [a = 0, b = 0] = octets;
      if (a === 127 || (a === 169 && b === 254)) continue; // loopback, link-local
      if (a === 100 && b >= 64 && b <= 127) continue; // CGNAT: Tailscale and other VPNs
      let score = 0;
      if (isPrivate(a, b)) score += 4;
      if (physicalAdapter.test(interfaceName)) score += 2;
      if (octets[3] === 1) score -= 8;
      candidates.push({
        address: info.address,
        interfaceName,
        kind: connectionKindOf(interfaceName),
        network: networkOf(info),
        score,
      });
    }
  }
  // Stable: equal scores keep the operating system's order.
  return candidates
    .map((candidate, index) => ({ candidate, index }))
    .sort((x, y) => y.candidate.score - x.candidate.score || x.index - y.index)
    .map(({ candidate: { score: _score, ...address } }) => address);
}

/** Puts the address remembered for its network first, when that network is present. */
export function preferRemembered(
  addresses: readonly LanAddress[],
  remembered: Readonly<Record<string, string>>,
): LanAddress[] {
  const chosen = addresses.find((candidate) => remembered[candidate.network] === candidate.address);
  return chosen ? [chosen, ...addresses.filter((candidate) => candidate !== chosen)] : [...addresses];
}

function isPrivate(a: number, b: number): boolean {
  return a === 10 || (a === 192 && b === 168) || (a === 172 && b >= 16 && b <= 31);
}

function networkOf(info: NetworkInterfaceInfo): string {
  const address = info.address.split('.').map(Number);
  const mask = info.netmask.split('.').map(Number);
  const prefix = mask.reduce((bits, octet) => bits + (octet >>> 0).toString(2).replace(/0/g, '').length, 0);
  return `${address.map((octet, i) => octet & (mask[i] ?? 0)).join('.')}/${prefix}`;
}
