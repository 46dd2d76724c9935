// The package's version and its changelog move together: the newest version in CHANGELOG.md is the one in
// package.json, a release version (no SNAPSHOT or other pre-release), and the versions go down the file.
// Run: node --test changelog.test.js in clients/js.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const manifest = JSON.parse(readFileSync(join(HERE, "package.json"), "utf8"));
const changelog = readFileSync(join(HERE, "CHANGELOG.md"), "utf8");
/** Each "## ..." heading: "Unreleased", or "<version> - <YYYY-MM-DD>". */
const headings = [...changelog.matchAll(/^## (.+)$/gm)].map((match) => match[1].trim());
const RELEASE = /^(\d+)\.(\d+)\.(\d+) - (\d{4}-\d{2}-\d{2})$/;

describe("CHANGELOG.md and package.json", () => {
  it("has a release version in package.json, not a SNAPSHOT or other pre-release", () => {
    assert.match(manifest.version, /^\d+\.\d+\.\d+$/);
  });

  it("heads the changelog with package.json's version, below an Unreleased section if there is one", () => {
    const releases = headings.filter((heading) => heading !== "Unreleased");
    assert.ok(releases.length > 0, "no version in CHANGELOG.md");
    assert.equal(releases[0].split(" - ")[0], manifest.version);
    assert.ok(headings.indexOf("Unreleased") <= 0, "Unreleased, when there, is the first section");
  });

  it("dates every version and lists them newest first, each once", () => {
    const versions = headings.filter((heading) => heading !== "Unreleased").map((heading) => {
      const match = heading.match(RELEASE);
      assert.ok(match, `"## ${heading}" is not "## <major>.<minor>.<patch> - <YYYY-MM-DD>"`);
      assert.ok(!Number.isNaN(Date.parse(match[4])), heading);
      return match.slice(1, 4).map(Number);
    });
    for (let i = 1; i < versions.length; i++) {
      const [newer, older] = [versions[i - 1], versions[i]];
      const order = newer[0] - older[0] || newer[1] - older[1] || newer[2] - older[2];
      assert.ok(order > 0, `${newer.join(".")} is listed above ${older.join(".")}`);
    }
  });
});
