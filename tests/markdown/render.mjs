// Renders Markdown review summaries with markdown-it (CommonMark plus GFM tables and
// strikethrough; raw HTML and linkify switched on, as GitHub allows both) and prints, for
// each file given, what a reader would get: the tables' cells, the links and images, any
// raw HTML, emphasis, fenced blocks, the text of every inline run, and the HTML itself.
// The Rust test crates/review/tests/render.rs writes the files and checks the report.
//
// Usage: node tests/markdown/render.mjs FILE.md... > report.json
import { readFileSync } from "node:fs";
import MarkdownIt from "markdown-it";

const md = new MarkdownIt({ html: true, linkify: true });

function inlineText(token) {
  return (token.children || [])
    .filter((c) => ["text", "text_special", "code_inline", "softbreak", "hardbreak"].includes(c.type))
    .map((c) => (c.type.endsWith("break") ? "\n" : c.content))
    .join("");
}

function report(file) {
  const src = readFileSync(file, "utf8");
  const tokens = md.parse(src, {});
  const out = {
    file,
    html: md.render(src),
    tables: [],
    links: [],
    images: 0,
    raw_html: [],
    emphasis: 0,
    fences: [],
    inline: [],
  };
  let table = null;
  let row = null;
  let section = null;
  for (const t of tokens) {
    switch (t.type) {
      case "table_open":
        table = { header: [], rows: [] };
        break;
      case "table_close":
        out.tables.push(table);
        table = null;
        break;
      case "thead_open":
        section = "head";
        break;
      case "tbody_open":
        section = "body";
        break;
      case "tr_open":
        row = [];
        break;
      case "tr_close":
        if (section === "head") table.header = row;
        else table.rows.push(row);
        row = null;
        break;
      case "html_block":
        out.raw_html.push(t.content);
        break;
      case "fence":
      case "code_block":
        out.fences.push({ info: t.info, content: t.content });
        break;
      case "inline": {
        const text = inlineText(t);
        out.inline.push(text);
        if (row) row.push(text);
        for (const c of t.children || []) {
          if (c.type === "link_open") out.links.push(c.attrGet("href"));
          if (c.type === "image") out.images += 1;
          if (c.type === "html_inline") out.raw_html.push(c.content);
          if (["em_open", "strong_open", "s_open"].includes(c.type)) out.emphasis += 1;
        }
        break;
      }
      default:
        break;
    }
  }
  return out;
}

console.log(JSON.stringify(process.argv.slice(2).map(report)));
