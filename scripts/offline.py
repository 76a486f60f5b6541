#!/usr/bin/env python3
"""Prepares a built dist/ for caching, after `trunk build` and scripts/csp.py:

1. The on-demand wasms, the converters (crates/converters) and the panels (crates/panels), get
   content-hashed names, as Trunk gives the main files: converters-<hash>.js and
   converters-<hash>_bg.wasm (Trunk leaves a `worker` link's output unhashed). The JS is
   rewritten to load the renamed wasm, and index.html names each module in
   <meta name="converters-module"> / <meta name="panels-module">, where the page's loaders
   look for them. A meta tag carries no script, so the CSP needs no change for it.
2. dist/sw.js, the service worker (scripts/sw.template.js), is written with the list of
   this release's files and a cache named after a hash of their names and contents.

    scripts/offline.py dist
"""
import hashlib, json, os, re, sys

dist = sys.argv[1] if len(sys.argv) > 1 else "dist"
here = os.path.dirname(os.path.abspath(__file__))
index_path = os.path.join(dist, "index.html")
WORKER = "sw.js"


def fail(message):
    sys.exit("offline: " + message)


def read(rel):
    with open(os.path.join(dist, rel), "rb") as f:
        return f.read()


def hash_module(name, html):
    """Renames module `name`'s files after their content; returns the new JS name."""
    js_old, wasm_old = name + ".js", name + "_bg.wasm"
    if not os.path.exists(os.path.join(dist, js_old)):
        # Already renamed by an earlier run on the same dist/.
        m = re.search(r'<meta name="%s-module" content="([^"]+)"' % name, html)
        if m and os.path.exists(os.path.join(dist, m.group(1))):
            return m.group(1)
        fail("no %s in %s (is the %s link in index.html?)" % (js_old, dist, name))
    js, wasm = read(js_old), read(wasm_old)
    digest = hashlib.sha256(js + b"\0" + wasm).hexdigest()[:16]
    js_new, wasm_new = "%s-%s.js" % (name, digest), "%s-%s_bg.wasm" % (name, digest)
    text = js.decode("utf-8")
    # wasm-bindgen's --target web loader finds its wasm beside itself by this name.
    if text.count(wasm_old) != 1:
        fail("%s names %s %d times, expected once" % (js_old, wasm_old, text.count(wasm_old)))
    with open(os.path.join(dist, js_new), "w", encoding="utf-8") as f:
        f.write(text.replace(wasm_old, wasm_new))
    os.replace(os.path.join(dist, wasm_old), os.path.join(dist, wasm_new))
    os.remove(os.path.join(dist, js_old))
    return js_new


def release_files():
    """Every file of dist/ but the worker itself, as sorted paths relative to dist/."""
    out = []
    for root, dirs, files in os.walk(dist):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            rel = os.path.relpath(os.path.join(root, name), dist).replace(os.sep, "/")
            if rel != WORKER and not name.startswith("."):
                out.append(rel)
    return sorted(out)


html = open(index_path, encoding="utf-8").read()
modules = {name: hash_module(name, html) for name in ("converters", "panels")}
for name in modules:
    html = re.sub(r'<meta name="%s-module"[^>]*>' % name, "", html)
m = re.search(r'<meta http-equiv="Content-Security-Policy"[^>]*>', html) or re.search(r"<meta charset=[^>]*>", html, re.I)
if not m:
    fail("no <meta charset> in %s" % index_path)
meta = "".join('<meta name="%s-module" content="%s">' % (name, js) for name, js in modules.items())
html = html[: m.end()] + meta + html[m.end():]
with open(index_path, "w", encoding="utf-8") as f:
    f.write(html)

files = release_files()
release = hashlib.sha256()
for rel in files:
    release.update(rel.encode("utf-8") + b"\0" + hashlib.sha256(read(rel)).digest())
cache = "deployment-designer-" + release.hexdigest()[:16]
template = open(os.path.join(here, "sw.template.js"), encoding="utf-8").read()
if "'__CACHE__'" not in template or "__FILES__" not in template:
    fail("sw.template.js lost its __CACHE__ or __FILES__ placeholder")
worker = template.replace("'__CACHE__'", json.dumps(cache)).replace("__FILES__", json.dumps(files, indent=2))
with open(os.path.join(dist, WORKER), "w", encoding="utf-8") as f:
    f.write(worker)
print("offline: modules %s; %s precaches %d files in %s" % (", ".join(modules.values()), WORKER, len(files), cache))
