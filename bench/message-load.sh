#!/usr/bin/env bash
# Official-account message load test: starts a fresh store (Release, SQLite) on loopback with a message Token and
# EncodingAESKey, adds keyword rules, posts safe-mode encrypted text messages with valid signatures (a new MsgId
# each) and prints messages/s, p50/p99 and the ratio to a bare endpoint of the same store that only returns
# "success", in the same run.
#   bench/message-load.sh [--seconds 10] [--concurrency 32]
# The port is WXMALL_BENCH_PORT (default 5300). WeChat:Mode=Live with made-up credentials: keyword replies never
# call WeChat, so nothing leaves the machine.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
port=${WXMALL_BENCH_PORT:-5300}
token=benchtoken
appid=wxbench00000000001
aeskey=WxMallEmulatorEncodingAesKey0123456789abcde
trap 'kill "$store" 2>/dev/null || true; wait "$store" 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet build -c Release --nologo -v q "$root/src/WxMall" >/dev/null
dotnet build -c Release --nologo -v q "$root/bench/WxMall.LoadTest" >/dev/null

( cd "$work" && ASPNETCORE_ENVIRONMENT=Production \
  Database__Provider=Sqlite Database__ConnectionString="Data Source=$work/bench.db" \
  PersonalData__KeyFile="$work/personal-data.key" \
  Admin__InitialAdmin__Password=bench-admin-password \
  Logging__LogLevel__Default=Warning \
  WeChat__Mode=Live \
  WeChat__OfficialAccount__AppId=$appid WeChat__OfficialAccount__AppSecret=bench-secret-not-used \
  WeChat__OfficialAccount__MessageToken=$token WeChat__OfficialAccount__EncodingAesKey=$aeskey \
  OfficialAccount__MapBareBenchmarkEndpoint=true \
  exec dotnet "$root/src/WxMall/bin/Release/net10.0/WxMall.dll" --urls "http://127.0.0.1:$port" ) > "${WXMALL_BENCH_LOG:-$work/store.log}" 2>&1 &
store=$!

for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "store did not start:"; cat "$work/store.log"; exit 1; }

dotnet "$root/bench/WxMall.LoadTest/bin/Release/net10.0/WxMall.LoadTest.dll" messages --url "http://127.0.0.1:$port" \
  --token "$token" --appid "$appid" --aes-key "$aeskey" --store-pid "$store" "$@"
