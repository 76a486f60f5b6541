"""A stand-in for the SageMaker API that records what clients send.

Listens on 127.0.0.1 on a free port and prints that port on its first line of output.
Every POST body is saved to OUT_DIR under a name taken from the request path, so a test
can give each command its own endpoint URL (http://127.0.0.1:PORT/<case>) and run them
in parallel. Each POST is answered with the fake UpdateEndpoint response. The server
stops when its standard input closes, so it never outlives the test that started it.
"""

import http.server
import os
import re
import sys
import threading

FAKE_RESPONSE = b'{"EndpointArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint/ep"}'


def main():
    out_dir = sys.argv[1]

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            # Only the first path segment names the case; anything else is dropped so a
            # strange path can never write outside OUT_DIR.
            case = re.sub(r"[^A-Za-z0-9_-]", "", self.path.strip("/").split("/")[0]) or "root"
            with open(os.path.join(out_dir, case + ".body"), "ab") as f:
                f.write(body)
            self.send_response(200)
            self.send_header("Content-Type", "application/x-amz-json-1.1")
            self.send_header("Content-Length", str(len(FAKE_RESPONSE)))
            self.end_headers()
            self.wfile.write(FAKE_RESPONSE)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(server.server_address[1], flush=True)
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
