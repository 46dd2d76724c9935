// Unit tests for track-lead.js with Node's own runner: `node --test track-lead.test.js` in clients/js.
// The browser globals the module uses (window.location, document.cookie, fetch) are stubbed per test, and
// the waits between retries run on Node's mock timers, so no test sleeps.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { dirname } from "node:path";
import { afterEach, beforeEach, describe, it, mock } from "node:test";
import { fileURLToPath } from "node:url";

import { alreadyTracked, dubCookieDomain, trackLead } from "./track-lead.js";

let requests;
let cookieWrites;

const TRACKED = { ok: true, status: "tracked", clickId: "c1" };

/**
 * A page at pageUrl with these cookies, whose fetch answers `answer` with `httpStatus`, or, given `answers`,
 * each request the next of them ({ httpStatus, answer, headers }), the last one repeated.
 */
function page(pageUrl, { cookie = "", answer = TRACKED, httpStatus = 200, answers = [{ httpStatus, answer }] } = {}) {
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
    const next = answers[Math.min(requests.length, answers.length) - 1];
    return new Response(JSON.stringify(next.answer), {
      status: next.httpStatus,
      headers: { "Content-Type": "application/json", ...next.headers },
    });
  };
}

beforeEach(() => {
  requests = [];
  cookieWrites = [];
});

afterEach(() => {
  mock.timers.reset();
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

describe("trackLead outside a browser", () => {
  it("rejects with an error that says a browser page is needed, naming where to call it", async () => {
    await assert.rejects(trackLead({ getToken: async () => "t", user: { publicMetadata: {} } }), (error) => {
      assert.equal(error.constructor, Error, "not a ReferenceError from deep inside");
      assert.match(error.message, /trackLead needs a browser page/);
      assert.match(error.message, /useEffect or an event handler/);
      return true;
    });
  });

  it("imports in plain Node without touching window or document, and says so when called there", () => {
    // A fresh Node, where reading window or document (even through typeof) is recorded: importing must read
    // neither, and the call must fail with the module's own error.
    const script = `
      const touched = [];
      for (const name of ["window", "document"]) {
        Object.defineProperty(globalThis, name, { configurable: true, get() { touched.push(name); return undefined; } });
      }
      const module = await import("./track-lead.js");
      const atImport = [...touched];
      const error = await module.trackLead().then(() => null, (e) => e);
      console.log(JSON.stringify({ atImport, exports: Object.keys(module).sort(), error: error && error.message }));
    `;
    const out = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script],
      { cwd: dirname(fileURLToPath(import.meta.url)), encoding: "utf8" }));
    assert.deepEqual(out.atImport, []);
    assert.deepEqual(out.exports, ["alreadyTracked", "dubCookieDomain", "trackLead"]);
    assert.match(out.error, /^clerk-dub-track-lead: trackLead needs a browser page/);
  });
});

describe("trackLead retries", () => {
  const NOW = Date.parse("2026-03-01T12:00:00Z");
  const LIMITED = { ok: false, error: { code: "rate_limited", message: "Too many requests" } };

  /** Lets the module's awaits on the fake fetch settle (microtasks and I/O turns; no time passes). */
  async function settle() {
    for (let i = 0; i < 10; i++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** What the call resolved to without any time passing, or "still waiting" (a retry is scheduled). */
  async function atOnce(pending) {
    return Promise.race([pending, settle().then(() => "still waiting")]);
  }

  /** Moves the mock clock by ms and lets what that wakes up run. */
  async function advance(ms) {
    mock.timers.tick(ms);
    await settle();
  }

  beforeEach(() => mock.timers.enable({ apis: ["setTimeout", "Date"], now: NOW }));

  it("waits the Retry-After seconds on 429, then tries again with a fresh token", async () => {
    page("http://localhost:3000/", {
      answers: [{ httpStatus: 429, answer: LIMITED, headers: { "Retry-After": "3" } }, { httpStatus: 200, answer: TRACKED }],
    });
    let tokens = 0;
    const pending = trackLead({ getToken: async () => `token-${++tokens}` });

    await settle();
    assert.equal(requests.length, 1);
    await advance(2999);
    assert.equal(requests.length, 1, "not before Retry-After");
    await advance(1);
    assert.equal(requests.length, 2);
    assert.equal(requests[1].init.headers.Authorization, "Bearer token-2");

    const result = await pending;
    assert.equal(result.status, "tracked");
    assert.equal(result.httpStatus, 200);
    assert.equal(result.reload, true);
  });

  it("waits until a Retry-After HTTP date on 503", async () => {
    const at = new Date(NOW + 5000).toUTCString();
    page("http://localhost:3000/", {
      answers: [{ httpStatus: 503, answer: { ok: false, error: { code: "busy", message: "busy" } }, headers: { "Retry-After": at } },
        { httpStatus: 200, answer: TRACKED }],
    });
    const pending = trackLead();

    await settle();
    await advance(4999);
    assert.equal(requests.length, 1, "not before the date");
    await advance(1);
    assert.equal(requests.length, 2);
    assert.equal((await pending).status, "tracked");
  });

  it("gives up after two retries by default and resolves with the last answer", async () => {
    page("http://localhost:3000/", { answers: [{ httpStatus: 429, answer: LIMITED, headers: { "Retry-After": "1" } }] });
    const pending = trackLead();

    await settle();
    await advance(1000);
    await advance(1000);
    assert.equal(requests.length, 3);
    await advance(60_000);
    assert.equal(requests.length, 3, "no fourth attempt");
    assert.deepEqual(await pending, { reload: false, status: null, httpStatus: 429, body: LIMITED, skipped: false });
  });

  it("follows the retries option, 0 meaning none", async () => {
    page("http://localhost:3000/", { answers: [{ httpStatus: 503, answer: LIMITED, headers: { "Retry-After": "1" } }] });
    const none = await atOnce(trackLead({ retries: 0 }));
    assert.equal(none.httpStatus, 503);
    assert.equal(requests.length, 1);

    requests = [];
    const pending = trackLead({ retries: 1 });
    await settle();
    await advance(1000);
    await advance(60_000);
    assert.equal((await pending).httpStatus, 503);
    assert.equal(requests.length, 2);
  });

  it("does not wait for a Retry-After longer than maxRetryWaitMs: the answer comes back at once", async () => {
    page("http://localhost:3000/", {
      answers: [{ httpStatus: 429, answer: LIMITED, headers: { "Retry-After": "11" } }, { httpStatus: 200, answer: TRACKED }],
    });
    const result = await atOnce(trackLead());
    assert.equal(result.httpStatus, 429, "11 s is over the default 10 s");
    assert.equal(requests.length, 1);

    requests = [];
    const pending = trackLead({ maxRetryWaitMs: 11_000 });
    await settle();
    await advance(11_000);
    assert.equal((await pending).status, "tracked");
    assert.equal(requests.length, 2);
  });

  it("without a readable Retry-After waits 1 s, then 2 s", async () => {
    page("http://localhost:3000/", {
      answers: [{ httpStatus: 503, answer: LIMITED }, { httpStatus: 503, answer: LIMITED, headers: { "Retry-After": "soon" } },
        { httpStatus: 200, answer: TRACKED }],
    });
    const pending = trackLead();

    await settle();
    await advance(999);
    assert.equal(requests.length, 1);
    await advance(1);
    assert.equal(requests.length, 2);
    await advance(1999);
    assert.equal(requests.length, 2);
    await advance(1);
    assert.equal(requests.length, 3);
    assert.equal((await pending).status, "tracked");
  });

  it("never retries other statuses, even with Retry-After", async () => {
    for (const httpStatus of [400, 401, 404, 500, 502, 504]) {
      requests = [];
      page("http://localhost:3000/", { answers: [{ httpStatus, answer: LIMITED, headers: { "Retry-After": "1" } }] });
      const result = await atOnce(trackLead());
      assert.equal(result.httpStatus, httpStatus);
      assert.equal(requests.length, 1, `HTTP ${httpStatus}`);
    }
  });

  it("sends the click id again on a retry from another site, and deletes dub_id only once it is used", async () => {
    page("https://www.shop.example.org/", {
      cookie: "dub_id=c1",
      answers: [{ httpStatus: 429, answer: LIMITED, headers: { "Retry-After": "1" } }, { httpStatus: 200, answer: TRACKED }],
    });
    const pending = trackLead({ endpoint: "https://leads.example.com/api/track-lead" });

    await settle();
    assert.deepEqual(cookieWrites, [], "kept while the click is not used");
    await advance(1000);
    await pending;
    assert.deepEqual(requests.map((request) => request.init.body), [JSON.stringify({ clickId: "c1" }), JSON.stringify({ clickId: "c1" })]);
    assert.equal(cookieWrites.length, 1);
  });
});
