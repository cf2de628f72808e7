// ESLint for the kit's browser scripts: the recommended rules, and the house dialect (CONTRIBUTING, "Browser code").
import js from "@eslint/js";
import globals from "globals";

const SCRIPTS = ["docs/assets/mingle/*.js", "scripts/mingle/handouts/*.js", "tests/**/*.js", "bench/**/*.js"];
const OWNER = "docs/assets/mingle/storage.js";  // the one script that makes elements and reads and writes storage

// What learner text must never reach: HTML parsed from a string.
const NO_HTML = [
  { property: "innerHTML", message: "Learner text never reaches HTML: use Mingle.el or textContent." },
  { property: "outerHTML", message: "Learner text never reaches HTML: use Mingle.el or textContent." },
  { property: "insertAdjacentHTML", message: "Learner text never reaches HTML: use Mingle.el." },
];
// document.write, whatever the document is called here (root.document, doc): no other `write` is in reach.
const NO_WRITE = { selector: "MemberExpression[property.name=/^(write|writeln)$/]",
  message: "Learner text never reaches HTML: use Mingle.el." };
// What only storage.js does.
const OWNED = [
  { property: "localStorage", message: "Use Mingle.storage (storage.js owns the browser's storage)." },
  { property: "sessionStorage", message: "Use Mingle.storage (storage.js owns the browser's storage)." },
  { property: "createElement", message: "Use Mingle.el(parent, tag, text, attrs)." },
];
// One module shape: `((root) => { "use strict"; ... })(window)` and nothing else at the top of a script.
const IIFE = "Program > ExpressionStatement > CallExpression";
const SHAPE = "Each script is ((root) => { \"use strict\"; ... })(window), and nothing else.";
const ONE_SHAPE = [
  { selector: "Program > :not(ExpressionStatement)", message: SHAPE },
  { selector: "Program > :nth-child(2)", message: SHAPE },
  { selector: "Program > ExpressionStatement > :not(CallExpression)", message: SHAPE },
  { selector: `${IIFE}[callee.type!="ArrowFunctionExpression"]`, message: SHAPE },
  { selector: `${IIFE}[callee.params.length!=1]`, message: SHAPE },
  { selector: `${IIFE}[callee.params.0.name!="root"]`, message: SHAPE },
  { selector: `${IIFE}[callee.body.type!="BlockStatement"]`, message: SHAPE },
  { selector: `${IIFE}[callee.body.body.0.directive!="use strict"]`, message: SHAPE },
  { selector: `${IIFE}[arguments.length!=1]`, message: SHAPE },
  // window, or (for scripts Node also runs) `typeof window === "object" ? window : globalThis`
  { selector: `${IIFE}[arguments.0.type="Identifier"][arguments.0.name!="window"]`, message: SHAPE },
  { selector: `${IIFE}[arguments.0.type!="Identifier"][arguments.0.type!="ConditionalExpression"]`, message: SHAPE },
  { selector: `${IIFE} > ConditionalExpression.arguments:not([consequent.name="window"][alternate.name="globalThis"])`,
    message: SHAPE },
];
// Globals only storage.js may name bare.
const STORAGE_GLOBALS = ["localStorage", "sessionStorage"].map((name) => ({
  name, message: "Use Mingle.storage (storage.js owns the browser's storage).",
}));

export default [
  { ignores: ["node_modules/**", "site/**", "site-offline/**", "site-zensical/**", "handouts/**", "docs/assets/vendor/**",
    ".cache/**", ".venv/**", ".venv-zensical/**"] },
  { files: SCRIPTS, ...js.configs.recommended },
  {
    files: SCRIPTS,
    languageOptions: { ecmaVersion: 2022, sourceType: "script", globals: { ...globals.browser } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "no-unused-vars": ["error", { caughtErrors: "none" }],
      "no-restricted-properties": ["error", ...NO_HTML, ...OWNED],
      "no-restricted-globals": ["error", ...STORAGE_GLOBALS],
      "no-restricted-syntax": ["error", NO_WRITE, ...ONE_SHAPE],
    },
  },
  // Node reads these two (CommonJS) for the scorer's and the codes' shared vectors.
  { files: ["docs/assets/mingle/scoring.js", "docs/assets/mingle/codes.js"],
    languageOptions: { globals: { module: "readonly", require: "readonly" } } },
  { files: [OWNER], rules: { "no-restricted-properties": ["error", ...NO_HTML], "no-restricted-globals": "off" } },
];
