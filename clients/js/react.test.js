// Tests for react.js (useTrackLead) with a real renderer: react-dom through @testing-library/react, in a jsdom
// page at http://localhost:3000/. Run: `node --test react.test.js` in clients/js, after `npm ci`.
// The service is a fake fetch; the tests wait for nothing but the promises it settles.

import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";

import { JSDOM } from "jsdom";

// react-dom and @testing-library/dom read the page's globals when they load, so the page comes first.
const dom = new JSDOM("<!doctype html><html><body></body></html>", { url: "http://localhost:3000/" });
for (const key of Object.getOwnPropertyNames(dom.window)) {
  if (!(key in globalThis)) {
    globalThis[key] = dom.window[key];
  }
}
globalThis.window = dom.window;
globalThis.document = dom.window.document;
// Tells React that updates are wrapped in act(), as @testing-library/react does.
globalThis.IS_REACT_ACT_ENVIRONMENT = true;

const { StrictMode, createElement } = await import("react");
const { act, cleanup, render } = await import("@testing-library/react");
const { useTrackLead } = await import("./react.js");

let requests;
/** What the fake service answers next: { httpStatus, answer }, or an Error to reject with. */
let reply;
/** When set, the fake service answers only once this promise resolves. */
let gate;

beforeEach(() => {
  requests = [];
  reply = { httpStatus: 200, answer: { ok: true, status: "tracked", clickId: "c1" } };
  gate = null;
  globalThis.fetch = async (url, init) => {
    requests.push({ url, init });
    await gate;
    if (reply instanceof Error) {
      throw reply;
    }
    return new Response(JSON.stringify(reply.answer), {
      status: reply.httpStatus,
      headers: { "Content-Type": "application/json" },
    });
  };
});

afterEach(() => {
  cleanup();
  delete globalThis.fetch;
});

/** A Clerk-like user: its reload() counts calls and resolves to the user with dubClickId set. */
function clerkUser(id, publicMetadata = {}) {
  const user = {
    id,
    publicMetadata,
    reloads: 0,
    async reload() {
      user.reloads++;
      return clerkUser(id, { ...publicMetadata, dubClickId: "c1" });
    },
  };
  return user;
}

/** Renders the hook in a component that shows its status; states holds each render's state. */
function renderHook(props, { strict = false } = {}) {
  const states = [];
  function Probe(probeProps) {
    const state = useTrackLead(probeProps);
    states.push(state);
    return createElement("output", null, state.status);
  }
  const element = (next) => (strict ? createElement(StrictMode, null, createElement(Probe, next)) : createElement(Probe, next));
  const view = render(element(props));
  return {
    states,
    shown: () => view.container.textContent,
    last: () => states[states.length - 1],
    rerender: (next) => act(() => view.rerender(element(next))),
  };
}

/** Lets the fake fetch and the hook's promise chain settle inside act(), so React applies the updates. */
async function settle() {
  await act(async () => {
    for (let i = 0; i < 10; i++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  });
}

const getToken = async () => "token";

describe("useTrackLead", () => {
  it("tracks a signed-in user once, with the token, reloads the user, and shows success", async () => {
    const user = clerkUser("user_1", { plan: "pro" });
    const hook = renderHook({ getToken, user });
    assert.equal(hook.shown(), "pending");

    await settle();

    assert.equal(hook.shown(), "success");
    assert.equal(requests.length, 1);
    assert.equal(requests[0].url, "http://localhost:3000/api/track-lead");
    assert.equal(requests[0].init.headers.Authorization, "Bearer token");
    assert.equal(user.reloads, 1);
    assert.deepEqual(hook.last().result, { reload: true, status: "tracked", httpStatus: 200,
      body: { ok: true, status: "tracked", clickId: "c1" }, skipped: false });
    assert.equal(hook.last().error, null);
  });

  it("calls again for neither the reloaded user object nor a new getToken", async () => {
    const user = clerkUser("user_1");
    const hook = renderHook({ getToken, user });
    await settle();

    await hook.rerender({ getToken: async () => "other", user: clerkUser("user_1", { dubClickId: "c1" }) });
    await settle();

    assert.equal(requests.length, 1);
    assert.equal(hook.shown(), "success");
    assert.equal(hook.last().result.status, "tracked", "still the answer of the one call");
  });

  it("waits while the user is not loaded or signed out, and tracks once there is one", async () => {
    const hook = renderHook({ getToken, user: undefined });
    await settle();
    assert.equal(hook.shown(), "idle");
    await hook.rerender({ getToken, user: null });
    await settle();
    assert.equal(requests.length, 0);

    await hook.rerender({ getToken, user: clerkUser("user_1") });
    await settle();

    assert.equal(requests.length, 1);
    assert.equal(hook.shown(), "success");
  });

  it("calls once under StrictMode, which runs effects twice", async () => {
    const user = clerkUser("user_1");
    const hook = renderHook({ getToken, user }, { strict: true });
    await settle();

    assert.equal(requests.length, 1);
    assert.equal(user.reloads, 1);
    assert.equal(hook.shown(), "success");
  });

  it("tracks again for another user, and goes back to idle on sign-out", async () => {
    const hook = renderHook({ getToken, user: clerkUser("user_1") });
    await settle();
    await hook.rerender({ getToken, user: clerkUser("user_2") });
    await settle();
    assert.equal(requests.length, 2);
    assert.equal(hook.shown(), "success");

    await hook.rerender({ getToken, user: null });
    await settle();
    assert.equal(hook.shown(), "idle");
    assert.deepEqual(hook.last(), { status: "idle", result: null, error: null });
  });

  it("stays idle when the user signs out while the call is under way", async () => {
    let open;
    gate = new Promise((resolve) => {
      open = resolve;
    });
    const hook = renderHook({ getToken, user: clerkUser("user_1") });
    await settle();
    assert.equal(requests.length, 1);
    assert.equal(hook.shown(), "pending");

    await hook.rerender({ getToken, user: null });
    open();
    await settle();

    assert.equal(hook.shown(), "idle", "the answer for the signed-out user does not show");
  });

  it("sends nothing for a user who already has dubClickId, and says it was skipped", async () => {
    const user = clerkUser("user_1", { dubClickId: "c0" });
    const hook = renderHook({ getToken, user });
    await settle();

    assert.equal(requests.length, 0);
    assert.equal(user.reloads, 0);
    assert.equal(hook.shown(), "success");
    assert.equal(hook.last().result.skipped, true);
  });

  it("shows an HTTP error with its status and code, and does not reload the user", async () => {
    reply = { httpStatus: 401, answer: { ok: false, error: { code: "invalid_token", message: "The token has expired" } } };
    const user = clerkUser("user_1");
    const hook = renderHook({ getToken, user });
    await settle();

    assert.equal(hook.shown(), "error");
    assert.equal(hook.last().result.httpStatus, 401);
    assert.equal(hook.last().error.message,
      "clerk-dub-track-lead: the service answered HTTP 401: invalid_token (The token has expired)");
    assert.equal(user.reloads, 0);
  });

  it("shows a network failure as an error without a result", async () => {
    reply = new TypeError("Failed to fetch");
    const hook = renderHook({ getToken, user: clerkUser("user_1") });
    await settle();

    assert.equal(hook.shown(), "error");
    assert.equal(hook.last().result, null);
    assert.equal(hook.last().error, reply);
  });
});
