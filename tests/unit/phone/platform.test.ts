import { describe, expect, it } from 'vitest';
import { detectPlatform } from '../../../src/renderer/phone/platform';

/** Real user-agent strings, as these browsers sent them (2024). */
const ua = {
  iosSafari:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  ipadSafari:
    'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
  /** iPadOS asks for desktop sites by default: a Mac's UA, told apart only by its touch screen. */
  ipadDesktopMode:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  chromeIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1',
  firefoxIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/127.0 Mobile/15E148 Safari/605.1.15',
  edgeIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 EdgiOS/126.2592.56 Mobile/15E148 Safari/605.1.15',
  instagramIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 337.0.3.23.54 (iPhone14,5; iOS 17_5; en_US; en; scale=3.00; 1170x2532; 614786125)',
  facebookIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/470.0.0.38.109;FBBV/620106498;FBDV/iPhone14,5;FBMD/iPhone;FBSN/iOS;FBSV/17.5;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5;FBRV/622366398]',
  lineIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Safari Line/14.9.0',
  /** Telegram on iOS opens links in its own WKWebView: no marker but the missing "Safari/". */
  bareIosWebView:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  androidChrome:
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
  samsungInternet:
    'Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
  firefoxAndroid: 'Mozilla/5.0 (Android 14; Mobile; rv:127.0) Gecko/127.0 Firefox/127.0',
  instagramAndroid:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240605.024; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.71 Mobile Safari/537.36 Instagram 337.0.0.40.91 Android (34/14; 420dpi; 1080x2400; Google/google; Pixel 8; shiba; shiba; en_US; 614786102)',
  telegramAndroid:
    'Mozilla/5.0 (Linux; Android 13; SM-A536B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/125.0.6422.165 Mobile Safari/537.36 Telegram-Android/10.14.5 (Samsung SM-A536B; Android 13; SDK 33; AVERAGE)',
  facebookAndroid:
    'Mozilla/5.0 (Linux; Android 14; SM-S911B Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.71 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/470.0.0.43.108;]',
  whatsappAndroid:
    'Mozilla/5.0 (Linux; Android 13; M2101K6G Build/TKQ1.221013.002; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/125.0.6422.165 Mobile Safari/537.36 WhatsApp/2.24.12.78',
  vkAndroid:
    'Mozilla/5.0 (Linux; Android 12; M2003J15SC Build/SP1A.210812.016; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/124.0.6367.179 Mobile Safari/537.36 VKAndroidApp/8.80-20032 (Android 12; SDK 31; arm64-v8a; Xiaomi M2003J15SC; ru; 2400x1080)',
  /** Some other app's Android WebView, marked only by "; wv)". */
  bareAndroidWebView:
    'Mozilla/5.0 (Linux; Android 13; SM-A536B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/125.0.6422.165 Mobile Safari/537.36',
  macSafari:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  linuxChrome: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
};

describe('detectPlatform', () => {
  it('iOS browsers that import directly: Safari, Chrome (CriOS), Edge, iPad, and iPadOS in desktop mode', () => {
    for (const agent of [ua.iosSafari, ua.ipadSafari, ua.chromeIos, ua.edgeIos]) {
      expect(detectPlatform(agent, 5), agent).toEqual({ os: 'ios', openElsewhere: null });
    }
    expect(detectPlatform(ua.ipadDesktopMode, 5)).toEqual({ os: 'ios', openElsewhere: null });
  });

  it('a Mac is not an iPad: the same UA without a touch screen', () => {
    expect(detectPlatform(ua.macSafari, 0)).toEqual({ os: 'other', openElsewhere: null });
    // Some Macs report 1 touch point for a trackpad; iPads report 5.
    expect(detectPlatform(ua.macSafari, 1)).toEqual({ os: 'other', openElsewhere: null });
  });

  it('Firefox for iOS (FxiOS) cannot import a .vcf: suggest Safari', () => {
    expect(detectPlatform(ua.firefoxIos, 5)).toEqual({ os: 'ios', openElsewhere: 'firefox-ios' });
  });

  it('in-app browsers on iOS: Instagram, Facebook, LINE, and a bare WKWebView', () => {
    for (const agent of [ua.instagramIos, ua.facebookIos, ua.lineIos, ua.bareIosWebView]) {
      expect(detectPlatform(agent, 5), agent).toEqual({ os: 'ios', openElsewhere: 'in-app' });
    }
  });

  it('Android browsers that download: Chrome, Samsung Internet, Firefox', () => {
    for (const agent of [ua.androidChrome, ua.samsungInternet, ua.firefoxAndroid]) {
      expect(detectPlatform(agent, 5), agent).toEqual({ os: 'android', openElsewhere: null });
    }
  });

  it('in-app browsers on Android: Instagram, Telegram, Facebook, WhatsApp, VK, and any WebView ("; wv)")', () => {
    for (const agent of [
      ua.instagramAndroid,
      ua.telegramAndroid,
      ua.facebookAndroid,
      ua.whatsappAndroid,
      ua.vkAndroid,
      ua.bareAndroidWebView,
    ]) {
      expect(detectPlatform(agent, 5), agent).toEqual({ os: 'android', openElsewhere: 'in-app' });
    }
  });

  it('desktops are "other" (a file download)', () => {
    expect(detectPlatform(ua.linuxChrome, 0)).toEqual({ os: 'other', openElsewhere: null });
    expect(detectPlatform('', 0)).toEqual({ os: 'other', openElsewhere: null });
  });
});
