# Shared by the load scripts: builds the store and the load client (Release), starts a fresh store on a free
# loopback port with the given extra settings (NAME=value, as environment variables), waits until it is ready.
# After start_store: $root, $work (temporary folder, removed on exit), $port, $store (pid).
# SQLite by default; with WXMALL_BENCH_POSTGRES set, a fresh PostgreSQL database (wxmall_bench_…, left for inspection).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=${WXMALL_BENCH_PORT:-$(free_port)}
store=""
trap '[ -n "$store" ] && { kill "$store" 2>/dev/null || true; wait "$store" 2>/dev/null || true; }; rm -rf "$work"' EXIT

start_store() {
  dotnet build -c Release --nologo -v q "$root/src/WxMall" >/dev/null
  dotnet build -c Release --nologo -v q "$root/bench/WxMall.LoadTest" >/dev/null
  local provider connection
  if [ -n "${WXMALL_BENCH_POSTGRES:-}" ]; then
    provider=PostgreSql
    connection="$WXMALL_BENCH_POSTGRES;Database=wxmall_bench_$(date +%s)_$$"
  else
    provider=Sqlite
    connection="Data Source=$work/bench.db"
  fi
  echo "database: $provider"
  ( cd "$work" && exec env ASPNETCORE_ENVIRONMENT=Production \
    Database__Provider="$provider" Database__ConnectionString="$connection" \
    PersonalData__KeyFile="$work/personal-data.key" \
    Admin__InitialAdmin__Password=bench-admin-password \
    Logging__LogLevel__Default=Warning \
    "$@" dotnet "$root/src/WxMall/bin/Release/net10.0/WxMall.dll" --urls "http://127.0.0.1:$port" ) > "${WXMALL_BENCH_LOG:-$work/store.log}" 2>&1 &
  store=$!
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "store did not start:"; cat "${WXMALL_BENCH_LOG:-$work/store.log}"; exit 1
}

load_client() { dotnet "$root/bench/WxMall.LoadTest/bin/Release/net10.0/WxMall.LoadTest.dll" "$@"; }
