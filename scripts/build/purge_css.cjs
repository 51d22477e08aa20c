// Runs PurgeCSS for scripts/build/unused_css.py (which explains why and what it keeps).
// A conversation of JSON lines, so that the pages are read once for both of Material's style
// sheets while the second sheet's request still depends on the first one's result:
//   first line:  {purgecss: <package folder>, content: [paths], safelist: {standard, greedy},
//                 dynamicAttributes, variables, keyframes, fontFace}
//                (a regular expression is written {"regex": "source"})
//   then, each:  {css: <path>, variables: [custom properties to keep declared]}
//                answered with one line {file, css}.
// It ends when its input ends.
"use strict";

const readline = require("readline");

function pattern(value) {
  return typeof value === "string" ? value : new RegExp(value.regex);
}

async function main() {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  let setup = null;
  let selectors = null;
  for await (const line of lines) {
    if (!line.trim()) continue;
    const request = JSON.parse(line);
    if (setup === null) {
      const purgecss = require(request.purgecss);
      const safelist = {};
      for (const [kind, values] of Object.entries(request.safelist || {})) {
        safelist[kind] = values.map(pattern);
      }
      const options = {
        ...purgecss.defaultOptions,
        content: request.content,
        dynamicAttributes: request.dynamicAttributes || [],
        variables: Boolean(request.variables),
        keyframes: Boolean(request.keyframes),
        fontFace: Boolean(request.fontFace),
      };
      setup = { purgecss, options, safelist };
      const reader = new purgecss.PurgeCSS();
      reader.options = { ...options, safelist: purgecss.standardizeSafelist(safelist) };
      selectors = await reader.extractSelectorsFromFiles(request.content, options.extractors);
      continue;
    }
    // A PurgeCSS of its own for each style sheet: it keeps what it saw of one sheet's
    // variables and keyframes until it is done with it.
    const { purgecss, options, safelist } = setup;
    const purger = new purgecss.PurgeCSS();
    purger.options = {
      ...options,
      safelist: purgecss.standardizeSafelist({ ...safelist, variables: request.variables || [] }),
    };
    if (purger.options.variables) {
      purger.variablesStructure.safelist = purger.options.safelist.variables;
    }
    const [result] = await purger.getPurgedCSS([request.css], selectors);
    if (result === undefined) {
      throw new Error(`no style sheet at ${request.css}`);
    }
    process.stdout.write(JSON.stringify({ file: result.file, css: result.css }) + "\n");
  }
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
