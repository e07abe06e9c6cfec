// Parses an Argdown file with the reference parser (@argdown/core) and prints
// what Argmark's tests compare: statements (title, tags, data, groups),
// arguments (premises, conclusion) and relations, as JSON on stdout.
// Usage: NODE_PATH=DIR/node_modules node argdown_parse.js FILE.argdown
"use strict";
const fs = require("fs");
const core = require("@argdown/core");

const input = fs.readFileSync(process.argv[2], "utf8");
const app = new core.ArgdownApplication();
app.addPlugin(new core.ParserPlugin(), "parse-input");
app.addPlugin(new core.DataPlugin(), "build-model");
app.addPlugin(new core.ModelPlugin(), "build-model");
const r = app.run({ process: ["parse-input", "build-model"], input, logLevel: "error" });

const errors = [...(r.lexerErrors || []), ...(r.parserErrors || [])].map((e) => String(e.message));
const statements = Object.values(r.statements || {}).map((s) => ({
  title: s.title,
  text: ((s.members || []).find((m) => m.text) || {}).text || "",
  tags: s.tags || [],
  data: s.data || {},
  section: s.section ? s.section.title : null,
}));
const args = Object.values(r.arguments || {}).map((a) => ({
  title: a.title,
  premises: (a.pcs || []).filter((p) => p.role === "premise").map((p) => p.title),
  conclusions: (a.pcs || []).filter((p) => p.role !== "premise").map((p) => p.title),
}));
const relations = (r.relations || []).map((rel) => ({
  from: rel.from.title,
  to: rel.to.title,
  type: rel.relationType,
}));
const sections = (r.sections || []).map((s) => s.title);
process.stdout.write(JSON.stringify({ errors, statements, arguments: args, relations, sections }, null, 1));
