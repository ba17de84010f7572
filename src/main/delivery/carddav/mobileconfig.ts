/**
 * An iPhone configuration profile (.mobileconfig) that adds a CardDAV account: for
 * self-hosted servers, where typing the server, port and path by hand is where set-ups go
 * wrong. A pure function (same input, same bytes: its UUIDs are derived from the input).
 *
 * No password goes in: Apple advises one only in an encrypted profile, and the phone asks
 * for it while installing. The payload is `com.apple.carddav.account` (Apple's Device
 * Management reference): host, port, principal URL, user, SSL.
 */
import { uuidV5 } from '../../lib/uuid-v5';

export interface ProfileInput {
  /** The server's address as the user gave it (discovery starts there). */
  readonly serverUrl: string;
  /** Where discovery found the account's principal or home (the phone starts there). */
  readonly principalUrl: string;
  readonly username: string;
  /** What the account is called on the phone. */
  readonly description: string;
}

export function carddavMobileconfig(input: ProfileInput): string {
  const server = new URL(input.serverUrl);
  const principal = new URL(input.principalUrl, server);
  const useSsl = server.protocol === 'https:';
  const port = server.port ? Number(server.port) : useSsl ? 443 : 80;
  const seed = `${server.href}|${input.username}`;
  const profileUuid = uuidV5(`mobileconfig|profile|${seed}`);
  const payloadUuid = uuidV5(`mobileconfig|carddav|${seed}`);
  const identifier = `com.amo-phonebook.carddav.${profileUuid}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>PayloadContent</key>
  <array>
    <dict>
      <key>CardDAVAccountDescription</key>
      <string>${xml(input.description)}</string>
      <key>CardDAVHostName</key>
      <string>${xml(server.hostname)}</string>
      <key>CardDAVPort</key>
      <integer>${port}</integer>
      <key>CardDAVPrincipalURL</key>
      <string>${xml(principal.pathname)}</string>
      <key>CardDAVUseSSL</key>
      <${useSsl ? 'true' : 'false'}/>
      <key>CardDAVUsername</key>
      <string>${xml(input.username)}</string>
      <key>PayloadDisplayName</key>
      <string>${xml(input.description)}</string>
      <key>PayloadIdentifier</key>
      <string>${identifier}.account</string>
      <key>PayloadType</key>
      <string>com.apple.carddav.account</string>
      <key>PayloadUUID</key>
      <string>${payloadUuid.toUpperCase()}</string>
      <key>PayloadVersion</key>
      <integer>1</integer>
    </dict>
  </array>
  <key>PayloadDisplayName</key>
  <string>${xml(input.description)}</string>
  <key>PayloadIdentifier</key>
  <string>${identifier}</string>
  <key>PayloadType</key>
  <string>Configuration</string>
  <key>PayloadUUID</key>
  <string>${profileUuid.toUpperCase()}</string>
  <key>PayloadVersion</key>
  <integer>1</integer>
</dict>
</plist>
`;
}

/** XML text: the five specials escaped, and characters XML 1.0 cannot hold dropped. */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
