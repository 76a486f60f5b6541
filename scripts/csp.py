#!/usr/bin/env python3
"""Adds a Content-Security-Policy <meta> to the built index.html that allows only the page's
own origin and pins every inline script by its SHA-256 hash (Trunk's loader is inline)."""
import base64, hashlib, re, sys

path = sys.argv[1]
html = open(path, encoding="utf-8").read()
html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
hashes = []
for m in re.finditer(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S):
    digest = hashlib.sha256(m.group(1).encode("utf-8")).digest()
    hashes.append("'sha256-%s'" % base64.b64encode(digest).decode())
policy = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval' " + " ".join(hashes),
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    # The service worker (dist/sw.js, scripts/offline.py).
    "worker-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
])
meta = '<meta http-equiv="Content-Security-Policy" content="%s">' % policy
# Minified HTML has no <head> tag: the policy goes right after the charset declaration,
# before any script.
m = re.search(r"<meta charset=[^>]*>", html, re.I)
if not m:
    sys.exit("csp: no <meta charset> in %s" % path)
html = html[: m.end()] + meta + html[m.end():]
open(path, "w", encoding="utf-8").write(html)
print("csp: pinned %d inline script(s)" % len(hashes))
