// Runs PurgeCSS for scripts/build/unused_css.py (which explains why and what it keeps).
// Reads one JSON request on stdin: {purgecss: <package folder>, css: [paths], content: [paths],
// safelist: {standard, greedy, variables}, dynamicAttributes, variables, keyframes, fontFace};
// a regular expression is written {"regex": "source"}. Writes [{file, css}] as JSON on stdout.
"use strict";

const fs = require("fs");

function pattern(value) {
  return typeof value === "string" ? value : new RegExp(value.regex);
}

const request = JSON.parse(fs.readFileSync(0, "utf8"));
const { PurgeCSS } = require(request.purgecss);
const safelist = {};
for (const [kind, values] of Object.entries(request.safelist || {})) {
  safelist[kind] = values.map(pattern);
}

new PurgeCSS()
  .purge({
    css: request.css,
    content: request.content,
    safelist,
    dynamicAttributes: request.dynamicAttributes || [],
    variables: Boolean(request.variables),
    keyframes: Boolean(request.keyframes),
    fontFace: Boolean(request.fontFace),
  })
  .then((results) => {
    process.stdout.write(JSON.stringify(results.map(({ file, css }) => ({ file, css }))));
  })
  .catch((error) => {
    process.stderr.write(`PurgeCSS failed: ${error && error.stack ? error.stack : error}\n`);
    process.exit(1);
  });
