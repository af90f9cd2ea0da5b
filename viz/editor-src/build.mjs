// Reproducible build of viz/templates/editor.js (and its licence file) from the pinned packages:
//   cd viz/editor-src && npm ci && npm run build
import { build } from "esbuild";
import { readFileSync, writeFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";

const out = "../templates/editor.js";
await build({
  entryPoints: ["editor.js"], bundle: true, minify: true, format: "iife", target: "es2020",
  outfile: out, legalComments: "none", charset: "utf8",
  banner: { js: "/* ecokg workbench editor: CodeMirror 6 (MIT), see editor-LICENSES.txt */" },
});
const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
const parts = [];
for (const [path, info] of Object.entries(lock.packages).sort()) {
  if (!path || info.dev === undefined || path.includes("esbuild")) continue;
  const dir = path;
  const lic = existsSync(dir) ? readdirSync(dir).find((f) => /^licen[cs]e/i.test(f)) : undefined;
  if (!lic) continue;
  parts.push(`== ${path.replace(/^node_modules\//, "")} ${info.version} (${info.license || "see below"})\n\n`
    + readFileSync(join(dir, lic), "utf8").trim() + "\n");
}
writeFileSync("../templates/editor-LICENSES.txt",
  "Licences of the packages bundled into editor.js (built by viz/editor-src/build.mjs).\n\n" + parts.join("\n"));
console.log(`wrote ${out} and editor-LICENSES.txt (${parts.length} packages)`);
