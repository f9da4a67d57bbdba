// Vangnet: Streamlit's own English strings in Dutch. Labels only; nothing is read from or sent anywhere.
(() => {
  "use strict";
  const EXACT = {
    "Skip to main content": "Ga naar de inhoud",
    "Sidebar": "Zijbalk",
    "Collapse sidebar": "Zijbalk inklappen",
    "Expand sidebar": "Zijbalk uitklappen",
    "App pages": "Pagina's",
    "Main menu": "Menu",
    "Link to heading": "Link naar dit kopje",
    "Choose an option": "Kies…",
    "Choose options": "Kies…",
    "Open": "Openen",
    "Clear all": "Alles wissen",
    "Clear value": "Wissen",
    "Select all": "Alles kiezen",
    "No results": "Niets gevonden",
    "Copy to clipboard": "Kopieer",
    "Copied to clipboard": "Gekopieerd",
    "Press Enter to apply": "Druk op Enter",
    "Press Enter to submit form": "Druk op Enter om te versturen",
    "Press ⌘+Enter to apply": "Druk op ⌘+Enter",
    "Press Ctrl+Enter to apply": "Druk op Ctrl+Enter",
    "Running...": "Bezig…",
    "Stop": "Stop",
    "Rerun": "Opnieuw",
    "Print": "Printen",
    "Fullscreen": "Volledig scherm",
    "Close fullscreen": "Volledig scherm sluiten",
    "Exit fullscreen": "Volledig scherm sluiten",
    "Show data": "Toon de gegevens",
    "Download as PNG": "Download als afbeelding",
    "Download as SVG": "Download als afbeelding (SVG)",
    "Copy Vega-Lite spec": "Kopieer de grafiekcode",
    "Close": "Sluiten",
    "Settings": "Instellingen",
    "Clear cache": "Cache wissen",
    "About": "Over",
    "Download as CSV": "Download als CSV",
    "Search": "Zoeken",
    "Decrement": "Verlaag",
    "Increment": "Verhoog",
    "file upload": "Bestand kiezen",
    "st.iframe": "Knoppen: kopiëren, downloaden, mailen, printen",
    "streamlit_folium.st_folium": "Kaart met de organisaties"
  };
  // "Help for X" -> "Uitleg bij X"; "Show data: title" -> "Toon de gegevens: title".
  const PREFIXES = [["Help for ", "Uitleg bij "]].concat(
    Object.entries(EXACT).map(([en, nl]) => [en + ": ", nl + ": "]));
  const ATTRIBUTES = ["aria-label", "title", "placeholder", "aria-description"];

  function dutch(value) {
    if (!value) return null;
    const trimmed = value.trim();
    if (Object.prototype.hasOwnProperty.call(EXACT, trimmed)) return value.replace(trimmed, EXACT[trimmed]);
    for (const [en, nl] of PREFIXES) if (trimmed.startsWith(en)) return nl + trimmed.slice(en.length);
    return null;
  }

  function fix(element) {
    // A heading's "Link naar dit kopje" is for the mouse: as a Tab stop before every heading it made keyboard
    // users press Tab once more per heading. The link still works (and "Naar de overdracht" still jumps there).
    if (element.tagName === "A" && element.closest && element.closest('[data-testid="stHeaderActionElements"]')) {
      if (element.getAttribute("tabindex") !== "-1") element.setAttribute("tabindex", "-1");
    }
    for (const name of ATTRIBUTES) {
      const value = element.getAttribute && element.getAttribute(name);
      const nl = dutch(value);
      if (nl !== null && nl !== value) element.setAttribute(name, nl);
    }
    // Material icons beside text are decoration: "call icon" read aloud says nothing useful.
    const label = element.getAttribute && element.getAttribute("aria-label");
    if (label && /^[a-z0-9_]+ icon$/.test(label)) {
      element.removeAttribute("aria-label");
      element.setAttribute("aria-hidden", "true");
    }
  }

  function walk(root) {
    if (root.nodeType === Node.TEXT_NODE) {
      const nl = dutch(root.nodeValue);
      if (nl !== null && nl !== root.nodeValue) root.nodeValue = nl;
      return;
    }
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    fix(root);
    const elements = root.querySelectorAll("*");
    for (const element of elements) fix(element);
    const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      const nl = dutch(node.nodeValue);
      if (nl !== null && nl !== node.nodeValue) node.nodeValue = nl;
    }
  }

  // A page that starts with a text box (Hulpvraag: "Wat is de hulpvraag?") gets the cursor in it, once per
  // page visit, so typing is the first action. Never when the page starts with something else, never
  // when the user already put the focus somewhere.
  let seenPath = null;
  let focused = false;
  function focusFirstField() {
    if (location.pathname !== seenPath) {
      seenPath = location.pathname;
      focused = false;
    }
    if (focused) return;
    const main = document.querySelector('[data-testid="stMain"]');
    const field = main && main.querySelector("input, textarea");
    if (!field) return;
    const plain = field.tagName === "TEXTAREA" || ["text", "search", "password"].includes(field.type);
    const active = document.activeElement;
    if (!plain || field.getAttribute("role") === "combobox" || field.offsetParent === null) return;
    if (active && active !== document.body) return;
    field.focus({preventScroll: true});
    focused = true;
  }

  function start() {
    walk(document.body);
    focusFirstField();
    new MutationObserver((changes) => {
      for (const change of changes) {
        if (change.type === "attributes") fix(change.target);
        else if (change.type === "characterData") walk(change.target);
        else change.addedNodes.forEach(walk);
      }
      focusFirstField();
    }).observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true,
                               attributeFilter: ATTRIBUTES});
  }

  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
