#!/usr/bin/env bash
# Installs whatever this project needs and is missing; skips what is there (seconds on a warm machine).
# Everything comes from the package registries (crates.io, npm, PyPI, Debian); nothing else is fetched.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*" >&2; }

# Rust target for the page.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# Trunk 0.21.14 (0.22 needs a newer rustc).
if ! trunk --version 2>/dev/null | grep -q '0\.21\.14'; then
  say "installing trunk 0.21.14 (a few minutes on a cold machine)"
  cargo install --locked trunk --version 0.21.14
fi

# wasm-bindgen CLI, same version as the crate pinned in Cargo.toml (without --locked, as measured).
if ! wasm-bindgen --version 2>/dev/null | grep -q '0\.2\.130'; then
  say "installing wasm-bindgen-cli 0.2.130"
  cargo install wasm-bindgen-cli --version 0.2.130
fi

# Node packages: wasm-opt (binaryen 132), playwright-core and axe-core for the browser tests,
# aws-cdk-lib, constructs and typescript for the CDK export tests, markdown-it for the review's.
if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (package-lock.json)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Chromium and chromedriver from Debian, for component and page tests.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  say "installing chromium and chromium-driver"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# Python clients that the export tests run the exports through.
if ! python3 -c 'import boto3, botocore, awscli' 2>/dev/null || ! command -v aws >/dev/null 2>&1; then
  say "installing boto3, botocore and awscli from PyPI"
  python3 -m pip install --quiet boto3 botocore awscli
fi
# The IaC export tests' checkers: cfn-lint (CloudFormation), python-hcl2 (Terraform), parliament (IAM).
if ! python3 -c 'import cfnlint, hcl2, parliament, yaml' 2>/dev/null || ! command -v cfn-lint >/dev/null 2>&1; then
  say "installing cfn-lint, python-hcl2 and parliament from PyPI"
  # python-hcl2 pinned: the Terraform test reads its 8.x output form (strings as written).
  python3 -m pip install --quiet cfn-lint python-hcl2==8.1.4 parliament
fi
# The rule exports' engines (crates/rule-exports tests). checkov in a virtualenv of its own:
# it pins boto3/botocore 1.35 and installs bc-python-hcl2, whose `hcl2` module would replace
# python-hcl2 8.1.4 above. cfn-guard's binary (the library would turn on serde_json's
# preserve_order across the workspace's tests).
CHECKOV_VENV=target/tools/checkov-3.3.30
if [ ! -x "$CHECKOV_VENV/bin/checkov" ]; then
  say "installing checkov 3.3.30 from PyPI in $CHECKOV_VENV (about a minute)"
  python3 -m venv "$CHECKOV_VENV"
  "$CHECKOV_VENV/bin/python" -m pip install --quiet checkov==3.3.30
fi
if ! cfn-guard --version 2>/dev/null | grep -q '3\.2\.1'; then
  say "installing cfn-guard 3.2.1 (about 8 minutes on a cold machine)"
  cargo install --locked cfn-guard --version 3.2.1
fi
say "tools ready"
