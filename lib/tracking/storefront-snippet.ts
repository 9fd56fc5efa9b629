/**
 * The storefront snippet served at /t.js. Plain ES5, no dependencies, a couple of KB: it runs on
 * merchants' sites, next to code we do not control.
 *
 * On every page it keeps `ref_click` (set by our redirect) and `ref` (a partner code in a link
 * such as ?ref=alice) in first-party cookies of the merchant's own domain for 90 days, plus a
 * storefront visitor id, and exposes them to checkout code:
 *
 *   PartnerLedger.clickId()        "clk_…" or null
 *   PartnerLedger.partnerCode()    "alice" or null
 *   PartnerLedger.visitorId()      this browser's id on the storefront
 *   PartnerLedger.checkoutFields() { clickId, partnerCode } with the absent ones left out,
 *                                  ready to spread into the order event's data
 *
 * A newer value replaces an older one (the last click wins the cookie; the engine still sees every
 * stored click of the visitor). `data-cookie-domain=".shop.example"` on the script tag shares the
 * cookies with subdomains, e.g. a separate checkout host.
 */
export const STOREFRONT_SNIPPET = `/*! PartnerLedger storefront snippet: keeps ref_click and ref for checkout */
(function (w, d) {
  'use strict';
  var DAY = 86400, KEEP_DAYS = 90, VISITOR_DAYS = 365;
  var script = d.currentScript;
  var domain = script && script.getAttribute('data-cookie-domain');

  function read(name) {
    var parts = d.cookie ? d.cookie.split('; ') : [];
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf('=');
      if (parts[i].slice(0, eq) === name) {
        try { return decodeURIComponent(parts[i].slice(eq + 1)); } catch (e) { return null; }
      }
    }
    return null;
  }
  function write(name, value, days) {
    d.cookie = name + '=' + encodeURIComponent(value) + '; Max-Age=' + days * DAY + '; Path=/; SameSite=Lax' +
      (domain ? '; Domain=' + domain : '') + (w.location.protocol === 'https:' ? '; Secure' : '');
  }
  function param(name) {
    var m = new RegExp('[?&]' + name + '=([^&#]*)').exec(w.location.search);
    if (!m) return null;
    try { return decodeURIComponent(m[1].replace(/\\+/g, ' ')); } catch (e) { return null; }
  }
  function random() {
    var c = w.crypto, b = new Uint8Array(16), s = '';
    if (c && c.getRandomValues) c.getRandomValues(b); else for (var j = 0; j < 16; j++) b[j] = Math.floor(Math.random() * 256);
    for (var k = 0; k < 16; k++) s += (b[k] < 16 ? '0' : '') + b[k].toString(16);
    return s;
  }

  var click = param('ref_click');
  if (click && /^clk_[A-Za-z0-9_-]{8,64}$/.test(click)) write('pl_ref_click', click, KEEP_DAYS);
  var ref = param('ref');
  if (ref && /^[A-Za-z0-9_.-]{1,100}$/.test(ref)) write('pl_ref', ref, KEEP_DAYS);
  var visitor = read('pl_visitor');
  if (!visitor || !/^sv_[0-9a-f]{32}$/.test(visitor)) visitor = 'sv_' + random();
  write('pl_visitor', visitor, VISITOR_DAYS);

  w.PartnerLedger = {
    clickId: function () { return read('pl_ref_click'); },
    partnerCode: function () { return read('pl_ref'); },
    visitorId: function () { return read('pl_visitor') || visitor; },
    checkoutFields: function () {
      var f = {}, c = read('pl_ref_click'), p = read('pl_ref');
      if (c) f.clickId = c;
      if (p) f.partnerCode = p;
      return f;
    }
  };
})(window, document);
`;
