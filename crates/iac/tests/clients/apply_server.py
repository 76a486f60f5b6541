"""A stand-in for the SageMaker API that answers from a script, for the apply runners.

Usage: apply_server.py OUT_DIR SCRIPT_JSON
SCRIPT_JSON holds {case: {"describe": [DescribeEndpoint response, ...]}}; a client names its
case by the first segment of its endpoint URL (http://127.0.0.1:PORT/<case>). UpdateEndpoint
is answered with an EndpointArn; each DescribeEndpoint with the case's next response, the last
one repeated once the list is used up (with the members the API always returns added). Every
request body is saved as OUT_DIR/<case>.<operation>.<n>.body. Listens on 127.0.0.1 on a free
port, prints the port on its first line, and stops when its standard input closes.
"""

import http.server
import json
import os
import re
import sys
import threading

ARN = "arn:aws:sagemaker:us-east-1:123456789012:endpoint/ep"


def main():
    out_dir = sys.argv[1]
    with open(sys.argv[2], encoding="utf-8") as f:
        script = json.load(f)
    served = {}
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            case = re.sub(r"[^A-Za-z0-9_-]", "", self.path.strip("/").split("/")[0]) or "root"
            target = self.headers.get("X-Amz-Target", "")
            operation = re.sub(r"[^A-Za-z]", "", target.split(".")[-1]) or "Unknown"
            with lock:
                n = served.get((case, operation), 0)
                served[(case, operation)] = n + 1
            with open(os.path.join(out_dir, "%s.%s.%d.body" % (case, operation, n)), "wb") as f:
                f.write(body)
            if operation == "UpdateEndpoint":
                answer = {"EndpointArn": ARN}
            elif operation == "DescribeEndpoint":
                responses = script.get(case, {}).get("describe") or [{"EndpointStatus": "InService"}]
                answer = dict(responses[min(n, len(responses) - 1)])
                answer.setdefault("EndpointArn", ARN)
                answer.setdefault("CreationTime", 1767268800)
                answer.setdefault("LastModifiedTime", 1767268800)
            else:
                answer = {}
            data = json.dumps(answer).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/x-amz-json-1.1")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(server.server_address[1], flush=True)
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
