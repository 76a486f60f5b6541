// Runs TypeScript CDK app exports with the real aws-cdk-lib, offline: each file is turned
// into JavaScript by the `typescript` package's transpileModule, run with its own CDK_OUTDIR,
// and the resources of the template it synthesised are written out.
//
// Usage: node cdk_ts_run.js CASES.json RESULTS.json, where CASES maps a name to a .ts path.
// The .ts files' directory must see aws-cdk-lib (a node_modules beside them).
"use strict";
const fs = require("fs");
const path = require("path");

const [casesFile, resultsFile] = process.argv.slice(2);
const cases = JSON.parse(fs.readFileSync(casesFile, "utf8"));
const ts = require(require.resolve("typescript", { paths: [path.dirname(Object.values(cases)[0] || ".")] }));
const results = {};
for (const [name, file] of Object.entries(cases)) {
  try {
    const source = fs.readFileSync(file, "utf8");
    const js = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
      reportDiagnostics: true,
    });
    const jsFile = file.replace(/\.ts$/, ".js");
    fs.writeFileSync(jsFile, js.outputText);
    const outdir = file.replace(/\.ts$/, ".out");
    process.env.CDK_OUTDIR = outdir;
    require(jsFile);
    const templates = fs.readdirSync(outdir).filter((f) => f.endsWith(".template.json"));
    if (templates.length !== 1) throw new Error(`expected one template, found ${templates}`);
    const template = JSON.parse(fs.readFileSync(path.join(outdir, templates[0]), "utf8"));
    results[name] = { resources: template.Resources };
  } catch (e) {
    results[name] = { error: String(e && e.stack ? e.stack.split("\n").slice(0, 3).join(" | ") : e) };
  }
}
fs.writeFileSync(resultsFile, JSON.stringify(results));
// Exit now: an App whose synth failed would try again on beforeExit and fail the run.
process.exit(0);
