# Shared by scripts/run and scripts/test: installs what is missing, idempotently.
# shellcheck shell=bash

CARGO_LEPTOS_VERSION=0.3.10
WASM_BINDGEN_VERSION=0.2.130
SCHEMATHESIS_VERSION=4.32.5
WASM_OPT_VERSION=0.116.1

# Each step says when it began (minutes:seconds since the script started), so a slow
# run shows where its time went.
say() { printf '\033[1;32m==>\033[0m [%d:%02d] %s\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*"; }
warn() { printf '\033[1;33m!!! %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_wasm_target() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown \
    || { say "Adding the wasm32 target"; rustup target add wasm32-unknown-unknown; }
}

ensure_cargo_leptos() {
  if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    say "Installing cargo-leptos $CARGO_LEPTOS_VERSION (about 20 minutes, once)"
    cargo install cargo-leptos --locked --version "$CARGO_LEPTOS_VERSION"
  fi
}

ensure_wasm_bindgen() {
  # Must equal the wasm-bindgen crate pinned in Cargo.toml; cargo-leptos cannot download one here.
  if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
    say "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 7 minutes, once)"
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  fi
}

ensure_npm_packages() {
  if [ ! -x end2end/node_modules/.bin/playwright ] || [ end2end/package-lock.json -nt end2end/node_modules/.installed ]; then
    say "Installing npm packages (Playwright)"
    (cd end2end && npm ci --no-audit --no-fund && touch node_modules/.installed)
  fi
}

ensure_wasm_opt() {
  # A native wasm-opt (binaryen 116, built from crates.io's wasm-opt crate), kept outside
  # the work tree between runs. npm's binaryen runs under node and took ~1.4 s per split
  # module, 4.7 minutes a build; this one takes 20 seconds (docs/BENCHMARKS.md). Debian's
  # binaryen (108) breaks hydration: it must not come first on PATH.
  local root="${XDG_CACHE_HOME:-$HOME/.cache}/antt/wasm-opt-$WASM_OPT_VERSION"
  if [ ! -x "$root/bin/wasm-opt" ]; then
    say "Installing wasm-opt $WASM_OPT_VERSION (a C++ build of about 22 minutes, once)"
    cargo install wasm-opt --locked --version "$WASM_OPT_VERSION" --root "$root"
  fi
  export PATH="$root/bin:$PATH"
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    say "Installing Chromium from Debian"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
  fi
}

ensure_schemathesis() {
  # From PyPI into a virtualenv of its own, outside the work tree, kept between runs.
  local venv="${XDG_CACHE_HOME:-$HOME/.cache}/antt/schemathesis-$SCHEMATHESIS_VERSION"
  if [ ! -x "$venv/bin/schemathesis" ]; then
    say "Installing schemathesis $SCHEMATHESIS_VERSION (about a minute, once)"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
  fi
  export SCHEMATHESIS="$venv/bin/schemathesis"
}

ensure_build_tools() {
  ensure_wasm_target
  ensure_cargo_leptos
  ensure_wasm_bindgen
  ensure_wasm_opt
  ensure_npm_packages
}

# The wasm's panic messages name the source file they come from, and a dependency's file
# starts with this machine's cargo home (/root/.cargo/registry/src/index.crates.io-…/):
# about a hundred such paths in the first load, which tell a phone nothing. They are cut
# to the crate's own path for the wasm build only. Flags for a target replace the
# [build] ones of .cargo/config.toml, so erase_components is said again here.
wasm_rustflags() {
  local flags="--cfg erase_components" index
  for index in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/; do
    [ -d "$index" ] && flags="$flags --remap-path-prefix=$index="
  done
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$flags"
}

build_release() {
  say "Building the app (release: server, wasm, css)"
  wasm_rustflags
  cargo leptos build --release --precompress --split
}

# What the browser loads, built for release (wasm, css, files), without the server:
# the tests serve it with the binary their Rust tests already built (target/debug/antt),
# which reads the asset hashes from beside itself.
#
# With --lint, Clippy's driver compiles the app's own crate in that release build (as
# cargo's RUSTC_WORKSPACE_WRAPPER, the way `cargo clippy` runs it) and any warning fails
# the build: the wasm code is linted without a second pass over its dependencies
# (docs/BENCHMARKS.md, "Linting the wasm in its build"). Dependencies are compiled by
# plain rustc, their lints capped, so the bytes are those of an unlinted build.
build_site() {
  say "Building the site (release wasm, css, files${1:+, linted})"
  wasm_rustflags
  if [ "${1:-}" = --lint ]; then
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS -D warnings" \
      RUSTC_WORKSPACE_WRAPPER="$(rustc --print sysroot)/bin/clippy-driver" \
      cargo leptos build --release --precompress --split --frontend-only
  else
    cargo leptos build --release --precompress --split --frontend-only
  fi
  mkdir -p target/debug
  cp target/release/hash.txt target/debug/hash.txt
}
