#!/usr/bin/env bash
# Order placement load test: starts a fresh store (Release) on loopback, drives one hot SKU,
# prints attempts/s, p50/p99 and the ratio to a bare endpoint of the same store, and checks zero oversell.
#   bench/order-load.sh [--seconds 10] [--concurrency 32] [--stock 3000]
# On SQLite by default; with WXMALL_BENCH_POSTGRES set to an Npgsql connection string of a user who may create
# databases (Host=127.0.0.1;Username=postgres;Password=postgres), on a fresh PostgreSQL database instead
# (named wxmall_bench_…, left in place for inspection).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
port=${WXMALL_BENCH_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
trap 'kill "$store" 2>/dev/null || true; wait "$store" 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet build -c Release --nologo -v q "$root/src/WxMall" >/dev/null
dotnet build -c Release --nologo -v q "$root/bench/WxMall.LoadTest" >/dev/null

if [ -n "${WXMALL_BENCH_POSTGRES:-}" ]; then
  provider=PostgreSql
  connection="$WXMALL_BENCH_POSTGRES;Database=wxmall_bench_$(date +%s)_$$"
else
  provider=Sqlite
  connection="Data Source=$work/bench.db"
fi
echo "database: $provider"

( cd "$work" && ASPNETCORE_ENVIRONMENT=Production \
  Database__Provider="$provider" Database__ConnectionString="$connection" \
  PersonalData__KeyFile="$work/personal-data.key" \
  Admin__InitialAdmin__Password=bench-admin-password \
  Logging__LogLevel__Default=Warning \
  exec dotnet "$root/src/WxMall/bin/Release/net10.0/WxMall.dll" --urls "http://127.0.0.1:$port" ) > "${WXMALL_BENCH_LOG:-$work/store.log}" 2>&1 &
store=$!

for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "store did not start:"; cat "$work/store.log"; exit 1; }

dotnet "$root/bench/WxMall.LoadTest/bin/Release/net10.0/WxMall.LoadTest.dll" --url "http://127.0.0.1:$port" "$@"
