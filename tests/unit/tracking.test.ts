import { describe, expect, it } from 'vitest';
import { isBotUserAgent } from '../../lib/tracking/bots';
import { MAX_COOKIE_DAYS, readVisitorCookie, visitorCookieFor } from '../../lib/tracking/cookies';
import { destinationWithClick, linkCodeFromPath } from '../../lib/tracking/visit';
import { checkDestination, hostIsAllowed } from '../../lib/server/link-destinations';

const DAY = 86_400;

describe('destinationWithClick', () => {
  it.each([
    ['https://shop.example', 'https://shop.example/?ref_click=clk_1'],
    ['https://shop.example/', 'https://shop.example/?ref_click=clk_1'],
    ['https://shop.example/p?a=1&b=x%20y', 'https://shop.example/p?a=1&b=x%20y&ref_click=clk_1'],
    ['https://shop.example/p?a=1#pricing', 'https://shop.example/p?a=1&ref_click=clk_1#pricing'],
    ['https://shop.example/p#a?b', 'https://shop.example/p?ref_click=clk_1#a?b'],
    ['https://shop.example/p?ref_click=old&x=1', 'https://shop.example/p?x=1&ref_click=clk_1'],
  ])('%s', (destination, expected) => {
    // a bare origin has no path; the URL parser would add the slash, and so do browsers
    expect(new URL(destinationWithClick(destination, 'clk_1')).href).toBe(new URL(expected).href);
    if (destination !== 'https://shop.example') expect(destinationWithClick(destination, 'clk_1')).toBe(expected);
  });
});

describe('isBotUserAgent', () => {
  it.each([
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0',
    'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
  ])('a browser is human: %s', (ua) => expect(isBotUserAgent(ua)).toBe(false));

  it.each([
    'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
    'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
    'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36',
    'curl/8.5.0',
    'python-requests/2.32.3',
    'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)',
    '',
  ])('a crawler or tool is a bot: %s', (ua) => expect(isBotUserAgent(ua)).toBe(true));
});

describe('visitor cookie', () => {
  const now = 1_800_000_000_000;
  it('lives for the window, capped at 400 days, and keeps the visitor', () => {
    const fresh = visitorCookieFor(null, 90, now);
    expect(fresh.maxAge).toBe(90 * DAY);
    expect(readVisitorCookie(fresh.value)).toEqual({ visitorId: fresh.visitorId, expiresAt: now / 1000 + 90 * DAY });
    expect(visitorCookieFor(null, 3650, now).maxAge).toBe(MAX_COOKIE_DAYS * DAY);
  });
  it('is never shortened by a click on a link with a shorter window', () => {
    const long = readVisitorCookie(visitorCookieFor(null, 365, now).value)!;
    const later = visitorCookieFor(long, 30, now + 10 * DAY * 1000);
    expect(later.visitorId).toBe(long.visitorId);
    expect(later.maxAge).toBe(355 * DAY);
  });
  it('ignores a forged or foreign value', () => {
    expect(readVisitorCookie('../../etc')).toBeNull();
    expect(readVisitorCookie('v_0123456789abcdef0123456789abcdef')).toEqual({ visitorId: 'v_0123456789abcdef0123456789abcdef', expiresAt: 0 });
  });
});

describe('link codes and destinations', () => {
  it('reads codes from the path, lower-cased, refusing anything else', () => {
    expect(linkCodeFromPath('/r/Alice-Pro')).toBe('alice-pro');
    for (const bad of ['/r/', '/r/a/b', '/r/-x', '/r/x-', '/r/%E0%A4%A', '/r/a_b', '/x/abc']) expect(linkCodeFromPath(bad)).toBeNull();
  });
  it('matches hosts and their subdomains, with the port when the entry names one', () => {
    expect(hostIsAllowed(new URL('https://shop.example/'), 'shop.example')).toBe(true);
    expect(hostIsAllowed(new URL('https://eu.shop.example/'), 'shop.example')).toBe(true);
    expect(hostIsAllowed(new URL('https://myshop.example/'), 'shop.example')).toBe(false);
    expect(hostIsAllowed(new URL('http://127.0.0.1:4000/'), '127.0.0.1:4000')).toBe(true);
    expect(hostIsAllowed(new URL('http://127.0.0.1:4001/'), '127.0.0.1:4000')).toBe(false);
    expect(checkDestination(' https://SHOP.example/a b ', ['shop.example'])).toBe('https://shop.example/a%20b');
  });
});
