/**
 * Which phone and browser opened the page, from (userAgent, maxTouchPoints) alone: a pure
 * function, so real UA strings are unit tests. It picks the import route (iOS: a data:
 * link; others: a file download) and whether to suggest a real browser first.
 */
export type PhoneOs = 'ios' | 'android' | 'other';

export interface Platform {
  readonly os: PhoneOs;
  /**
   * Why the user should open the page in the system browser first, or null when this one
   * can import: 'in-app' (a social or messenger app's own browser) or 'firefox-ios'
   * (Firefox for iOS does not recognise a .vcf).
   */
  readonly openElsewhere: 'in-app' | 'firefox-ios' | null;
}

/** Apps whose embedded browsers do not hand a .vcf to the address book (UA markers). */
const inAppMarkers: readonly RegExp[] = [
  /Instagram/,
  /FBAN|FBAV|FB_IAB|FBIOS|FB4A/, // Facebook, Messenger
  /Telegram/i,
  /WhatsApp/i,
  /\bLine\//, // LINE
  /VKClient|VKAndroidApp|vkontakte/i, // VK
  /OKApp|OdnoklassnikiApp/i,
  /Viber/i,
  /MicroMessenger/, // WeChat
  /Snapchat/,
  /LinkedInApp/,
  /Twitter/,
  /Pinterest/,
  /musical_ly|BytedanceWebview|TikTok/i,
];

export function detectPlatform(userAgent: string, maxTouchPoints: number): Platform {
  const os = detectOs(userAgent, maxTouchPoints);
  if (inAppMarkers.some((marker) => marker.test(userAgent))) return { os, openElsewhere: 'in-app' };
  // Android's WebView marks itself "; wv)": an app showing the page inside itself.
  if (os === 'android' && /;\s*wv\)/.test(userAgent)) return { os, openElsewhere: 'in-app' };
  if (os === 'ios') {
    if (/FxiOS\//.test(userAgent)) return { os, openElsewhere: 'firefox-ios' };
    // Every iOS browser (Safari, Chrome, Edge, …) says "Safari/"; an app's bare WKWebView does not.
    if (!/Safari\//.test(userAgent)) return { os, openElsewhere: 'in-app' };
  }
  return { os, openElsewhere: null };
}

function detectOs(userAgent: string, maxTouchPoints: number): PhoneOs {
  if (/iPhone|iPad|iPod/.test(userAgent)) return 'ios';
  // iPadOS asks for desktop sites with a Mac's UA; a Mac has no touch screen.
  if (/Macintosh/.test(userAgent) && maxTouchPoints > 1) return 'ios';
  if (/Android/i.test(userAgent)) return 'android';
  return 'other';
}
