// Unit tests for track-lead.js with Node's own runner, no install: `node --test clients/js/`.
// The browser globals the module uses (window.location, document.cookie, fetch) are stubbed per test.

import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";

import { alreadyTracked, dubCookieDomain, trackLead } from "./track-lead.js";

let requests;
let cookieWrites;

/** A page at pageUrl with these cookies, whose fetch answers `answer` with `httpStatus`. */
function page(pageUrl, { cookie = "", answer = { ok: true, status: "tracked", clickId: "c1" }, httpStatus = 200 } = {}) {
  const location = new URL(pageUrl);
  globalThis.window = { location };
  globalThis.document = {
    get cookie() {
      return cookie;
    },
    set cookie(written) {
      cookieWrites.push(written);
    },
  };
  globalThis.fetch = async (url, init) => {
    requests.push({ url, init });
    return new Response(JSON.stringify(answer), { status: httpStatus, headers: { "Content-Type": "application/json" } });
  };
}

beforeEach(() => {
  requests = [];
  cookieWrites = [];
});

afterEach(() => {
  delete globalThis.window;
  delete globalThis.document;
  delete globalThis.fetch;
});

describe("alreadyTracked", () => {
  it("is true when publicMetadata.dubClickId is a non-empty string, as the service decides", () => {
    assert.equal(alreadyTracked({ publicMetadata: { dubClickId: "clk_1" } }), true);
    assert.equal(alreadyTracked({ publicMetadata: { dubClickId: "n/a", plan: "pro" } }), true);
  });

  it("is false for a user not loaded or signed out, and for no, empty or non-string dubClickId", () => {
    for (const user of [undefined, null, {}, { publicMetadata: null }, { publicMetadata: {} },
      { publicMetadata: { dubClickId: "" } }, { publicMetadata: { dubClickId: null } },
      { publicMetadata: { dubClickId: 42 } }]) {
      assert.equal(alreadyTracked(user), false, JSON.stringify(user));
    }
  });
});

describe("trackLead with a user", () => {
  it("sends nothing and asks for no token when the user already has dubClickId", async () => {
    page("http://localhost:3000/", { cookie: "dub_id=c1" });
    let tokens = 0;
    const getToken = async () => {
      tokens++;
      return "token";
    };

    const result = await trackLead({ getToken, user: { publicMetadata: { dubClickId: "c0" } } });

    assert.deepEqual(result, { reload: false, status: "already_tracked", httpStatus: null, body: null, skipped: true });
    assert.equal(requests.length, 0);
    assert.equal(tokens, 0);
    assert.deepEqual(cookieWrites, [], "dub_id is left alone");
  });

  it("skips without any browser globals, so it is safe before the page is ready", async () => {
    const result = await trackLead({ user: { publicMetadata: { dubClickId: "n/a" } } });
    assert.equal(result.skipped, true);
  });

  it("calls the service when the user has no dubClickId yet, and says to reload the user", async () => {
    page("http://localhost:3000/", { cookie: "dub_id=c1" });

    const result = await trackLead({ getToken: async () => "token", user: { publicMetadata: { plan: "pro" } } });

    assert.equal(requests.length, 1);
    assert.equal(requests[0].url, "http://localhost:3000/api/track-lead");
    assert.equal(requests[0].init.method, "POST");
    assert.equal(requests[0].init.headers.Authorization, "Bearer token");
    assert.equal(requests[0].init.credentials, "include", "same host: the browser sends dub_id");
    assert.equal(requests[0].init.body, undefined);
    assert.deepEqual(result, { reload: true, status: "tracked", httpStatus: 200,
      body: { ok: true, status: "tracked", clickId: "c1" }, skipped: false });
  });

  it("calls the service when no user is given (the behaviour before the option)", async () => {
    page("http://localhost:3000/");
    const result = await trackLead();
    assert.equal(requests.length, 1);
    assert.equal(result.skipped, false);
  });
});

describe("trackLead on another site", () => {
  it("sends dub_id in the body and deletes it with Dub's Domain once the click is used", async () => {
    page("https://www.shop.example.org/welcome", { cookie: "theme=dark; dub_id=c1" });

    const result = await trackLead({ endpoint: "https://leads.example.com/api/track-lead", getToken: async () => "t" });

    assert.equal(requests[0].init.credentials, "omit");
    assert.equal(requests[0].init.body, JSON.stringify({ clickId: "c1" }));
    assert.equal(result.reload, true);
    assert.equal(cookieWrites.length, 1);
    assert.match(cookieWrites[0], /^dub_id=; Path=\/; Max-Age=0; .*; Domain=\.shop\.example\.org$/);
  });

  it("keeps dub_id when the service failed", async () => {
    page("https://www.shop.example.org/", {
      cookie: "dub_id=c1",
      answer: { ok: false, error: { code: "dub_unavailable", message: "Dub answered 500" } },
      httpStatus: 502,
    });

    const result = await trackLead({ endpoint: "https://leads.example.com/api/track-lead" });

    assert.deepEqual(result, { reload: false, status: null, httpStatus: 502,
      body: { ok: false, error: { code: "dub_unavailable", message: "Dub answered 500" } }, skipped: false });
    assert.deepEqual(cookieWrites, []);
  });
});

describe("dubCookieDomain", () => {
  it("is the host without www., with a leading dot; none on localhost or an IP", () => {
    assert.equal(dubCookieDomain("www.Example.com"), ".example.com");
    assert.equal(dubCookieDomain("app.example.com"), ".app.example.com");
    assert.equal(dubCookieDomain("localhost"), undefined);
    assert.equal(dubCookieDomain("127.0.0.1"), undefined);
    assert.equal(dubCookieDomain("[::1]"), undefined);
  });
});
