// The package as an app gets it: `npm pack` makes the tarball, which is installed into a scratch folder
// (no dependencies, so it works offline) and imported there in each module style. Run: node --test clients/js/package.test.js
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const manifest = JSON.parse(readFileSync(join(HERE, "package.json"), "utf8"));
const npm = (args, cwd) => execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
const node = (file, cwd) => execFileSync(process.execPath, [file], { cwd, encoding: "utf8" });
/** What a consumer prints: each export's type, and what two of them answer. */
const PROBE = `console.log(JSON.stringify({
  trackLead: typeof trackLead,
  alreadyTracked: alreadyTracked({ publicMetadata: { dubClickId: "c1" } }),
  dubCookieDomain: dubCookieDomain("www.example.com"),
}));`;
const EXPECTED = { trackLead: "function", alreadyTracked: true, dubCookieDomain: ".example.com" };

describe(`npm pack of ${manifest.name}`, () => {
  let scratch;
  let packed;
  let installed;

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), "track-lead-package-"));
    [packed] = JSON.parse(npm(["pack", "--json", "--pack-destination", scratch], HERE));
    writeFileSync(join(scratch, "package.json"), JSON.stringify({ name: "scratch-app", private: true }));
    npm(["install", "--offline", "--no-audit", "--no-fund", join(scratch, packed.filename)], scratch);
    installed = join(scratch, "node_modules", manifest.name);
  });

  after(() => rmSync(scratch, { recursive: true, force: true }));

  it("holds the module, its types and the README, and not the tests", () => {
    const files = packed.files.map((file) => file.path).sort();
    assert.deepEqual(files, ["README.md", "package.json", "track-lead.d.ts", "track-lead.js"]);
  });

  it("imports as an ES module", () => {
    writeFileSync(join(scratch, "esm.mjs"),
      `import { alreadyTracked, dubCookieDomain, trackLead } from "${manifest.name}";\n${PROBE}`);
    assert.deepEqual(JSON.parse(node("esm.mjs", scratch)), EXPECTED);
  });

  it("loads with require() where Node loads ES modules synchronously (20.19+, 22.12+)", (t) => {
    if (!process.features.require_module) {
      t.skip(`Node ${process.version} cannot require() an ES module`);
      return;
    }
    writeFileSync(join(scratch, "cjs.cjs"),
      `const { alreadyTracked, dubCookieDomain, trackLead } = require("${manifest.name}");\n${PROBE}`);
    assert.deepEqual(JSON.parse(node("cjs.cjs", scratch)), EXPECTED);
  });

  it("declares a type for each export, where the exports map and the types field point", async () => {
    const installedManifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
    for (const types of [installedManifest.types, installedManifest.exports["."].types]) {
      assert.ok(existsSync(join(installed, types)), types);
    }
    const declared = [...readFileSync(join(installed, installedManifest.types), "utf8")
      .matchAll(/^export function (\w+)/gm)].map((match) => match[1]).sort();
    const exported = Object.keys(await import(join(installed, installedManifest.exports["."].default))).sort();
    assert.deepEqual(declared, exported);
  });

  it("carries the service's version (pom.xml)", () => {
    const pom = readFileSync(join(HERE, "..", "..", "pom.xml"), "utf8");
    const [, version] = pom.match(/<artifactId>clerk-dub-leads<\/artifactId>\s*<version>([^<]+)<\/version>/);
    assert.equal(manifest.version, version);
  });
});
