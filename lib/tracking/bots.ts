// User agents of crawlers, link previewers, monitors and HTTP libraries. Their clicks are stored
// with is_bot = true (so the merchant sees the traffic) and never count for attribution. A missing
// user agent is treated as a bot: every browser sends one.
const BOT_PATTERN = new RegExp(
  [
    'bot\\b', 'bot/', 'crawl', 'spider', 'slurp', 'scrap', 'preview', 'fetcher', 'checker', 'monitor', 'validator',
    // social and chat link unfurlers
    'facebookexternalhit', 'facebot', 'twitterbot', 'linkedinbot', 'slackbot', 'slack-imgproxy', 'discordbot', 'telegrambot',
    'whatsapp', 'skypeuripreview', 'pinterest', 'redditbot', 'embedly', 'quora link preview', 'vkshare', 'iframely', 'outbrain',
    // search engines and AI crawlers
    'googlebot', 'google-inspectiontool', 'googleother', 'adsbot-google', 'mediapartners-google', 'apis-google', 'feedfetcher',
    'bingbot', 'bingpreview', 'duckduckbot', 'baiduspider', 'yandex', 'sogou', 'exabot', 'applebot', 'amazonbot', 'petalbot',
    'gptbot', 'chatgpt-user', 'oai-searchbot', 'claudebot', 'claude-web', 'anthropic-ai', 'ccbot', 'bytespider', 'perplexitybot',
    'cohere-ai', 'diffbot', 'ahrefs', 'semrush', 'mj12bot', 'dotbot', 'seznambot', 'archive.org_bot', 'ia_archiver',
    // uptime checks and performance tools
    'pingdom', 'uptimerobot', 'statuscake', 'site24x7', 'newrelicpinger', 'datadog', 'lighthouse', 'pagespeed', 'gtmetrix',
    // headless browsers and HTTP libraries
    'headlesschrome', 'phantomjs', 'puppeteer', 'playwright', 'selenium', 'python-requests', 'python-urllib', 'aiohttp', 'httpx',
    'curl/', 'wget/', 'go-http-client', 'java/', 'okhttp', 'apache-httpclient', 'axios/', 'node-fetch', 'undici', 'got (',
    'libwww-perl', 'ruby', 'php/', 'postmanruntime', 'insomnia', 'scrapy',
  ]
    // the entries are literal text, except the word boundary of the first one
    .map((s) => (s === 'bot\\b' ? s : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('|'),
  'i',
);

export function isBotUserAgent(userAgent: string | null | undefined): boolean {
  if (!userAgent || userAgent.trim().length < 8) return true;
  return BOT_PATTERN.test(userAgent);
}
