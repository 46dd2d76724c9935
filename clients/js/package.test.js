// The package as an app gets it: `npm pack` makes the tarball, which is installed into a scratch folder
// (no dependencies; React is an optional peer, so it works offline) and imported there in each module style,
// the "/react" subpath with this folder's React linked in. Run: node --test package.test.js in clients/js.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
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
/** What a consumer of the React subpath prints: where it resolves, and the hook's type. */
const REACT_PROBE = `console.log(JSON.stringify({ useTrackLead: typeof useTrackLead }));`;

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
    // The app's own React: the package does not install it (an optional peer), the app has it.
    symlinkSync(join(HERE, "node_modules", "react"), join(scratch, "node_modules", "react"), "dir");
  });

  after(() => rmSync(scratch, { recursive: true, force: true }));

  it("holds the modules, their types, the README, changelog and license, and not the tests or examples", () => {
    const files = packed.files.map((file) => file.path).sort();
    assert.deepEqual(files, ["CHANGELOG.md", "LICENSE", "README.md", "package.json", "react.d.ts", "react.js",
      "track-lead.d.ts", "track-lead.js"]);
  });

  it("is publishable: not private, a release version, React an optional peer and no dependencies", () => {
    assert.equal(manifest.private, undefined);
    assert.match(manifest.version, /^\d+\.\d+\.\d+$/);
    assert.equal(manifest.dependencies, undefined);
    assert.ok(manifest.peerDependencies.react);
    assert.deepEqual(manifest.peerDependenciesMeta, { react: { optional: true } });
  });

  it("resolves the react subpath to react.js and imports the hook, as an ES module and with require()", () => {
    writeFileSync(join(scratch, "react-esm.mjs"),
      `import { useTrackLead } from "${manifest.name}/react";\n${REACT_PROBE}
console.log(JSON.stringify(import.meta.resolve("${manifest.name}/react")));`);
    const [probe, resolved] = node("react-esm.mjs", scratch).trim().split("\n").map((line) => JSON.parse(line));
    assert.deepEqual(probe, { useTrackLead: "function" });
    assert.equal(fileURLToPath(resolved), join(installed, "react.js"));
    if (process.features.require_module) {
      writeFileSync(join(scratch, "react-cjs.cjs"), `const { useTrackLead } = require("${manifest.name}/react");\n${REACT_PROBE}`);
      assert.deepEqual(JSON.parse(node("react-cjs.cjs", scratch)), { useTrackLead: "function" });
    }
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
    for (const types of [installedManifest.types, installedManifest.exports["."].types, installedManifest.exports["./react"].types]) {
      assert.ok(existsSync(join(installed, types)), types);
    }
    for (const entry of [".", "./react"]) {
      const { types, default: module } = installedManifest.exports[entry];
      const declared = [...readFileSync(join(installed, types), "utf8")
        .matchAll(/^export function (\w+)/gm)].map((match) => match[1]).sort();
      const exported = Object.keys(await import(join(installed, module))).sort();
      assert.deepEqual(declared, exported, entry);
    }
  });

  it("carries the project's license", () => {
    assert.equal(readFileSync(join(installed, "LICENSE"), "utf8"), readFileSync(join(HERE, "..", "..", "LICENSE"), "utf8"));
  });
});
