// The workbench's SPARQL editor: CodeMirror 6 + the SPARQL legacy mode. Bundled by build.mjs into
// viz/templates/editor.js, which exposes window.ecokgEditor.create(parent, text) → {get, set}.
import { EditorState } from "@codemirror/state";
import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { StreamLanguage, syntaxHighlighting, defaultHighlightStyle, bracketMatching } from "@codemirror/language";
import { sparql } from "@codemirror/legacy-modes/mode/sparql";

function create(parent, text, onRun) {
  const meta = document.querySelector('meta[name="csp-nonce"]');
  const run = { key: "Mod-Enter", run: () => { if (onRun) onRun(); return true; } };
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(), history(), drawSelection(), highlightActiveLine(), bracketMatching(),
        StreamLanguage.define(sparql), syntaxHighlighting(defaultHighlightStyle),
        keymap.of([run, indentWithTab, ...defaultKeymap, ...historyKeymap]),
        EditorView.lineWrapping,
        EditorView.cspNonce.of(meta ? meta.content : ""),
      ],
    }),
  });
  return {
    view,
    get: () => view.state.doc.toString(),
    set: (t) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: t } }),
  };
}

window.ecokgEditor = { create };
