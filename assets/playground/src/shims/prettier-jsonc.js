// Stands in for prettier's babel parser and estree printer (together about
// half a megabyte minified), which GraphiQL loads only to prettify the
// Variables and Headers panes as JSON with comments. jsonc-parser, which
// GraphiQL bundles anyway, formats the text as prettier does there: one
// member per line, two-space indents, comments kept, trailing commas
// dropped. build.mjs aliases `prettier/parser-babel` and
// `prettier/plugins/estree` to this module.

import { applyEdits, createScanner, format } from 'jsonc-parser';

const AST_FORMAT = 'frontoffice-jsonc';

// jsonc-parser's SyntaxKind values.
const COMMA = 5;
const CLOSE_BRACE = 2;
const CLOSE_BRACKET = 4;
const TRIVIA = new Set([12, 13, 14, 15]); // comments, line breaks, spaces

function withoutTrailingCommas(text) {
  const scanner = createScanner(text, false);
  const edits = [];
  let comma = null;
  for (let kind = scanner.scan(); kind !== 17; kind = scanner.scan()) {
    if (TRIVIA.has(kind)) continue;
    if (comma && (kind === CLOSE_BRACE || kind === CLOSE_BRACKET)) edits.push({ offset: comma, length: 1, content: '' });
    comma = kind === COMMA ? scanner.getTokenOffset() : null;
  }
  return applyEdits(text, edits);
}

export const parsers = {
  jsonc: {
    astFormat: AST_FORMAT,
    parse: (text) => ({ type: 'JsoncText', text }),
    locStart: () => 0,
    locEnd: (node) => node.text.length,
  },
};

export const printers = {
  [AST_FORMAT]: {
    print(path) {
      const text = withoutTrailingCommas(path.node.text);
      const edits = format(text, undefined, { tabSize: 2, insertSpaces: true, eol: '\n' });
      const formatted = applyEdits(text, edits).trim();
      return formatted ? `${formatted}\n` : '';
    },
  },
};
