#!/usr/bin/env bash
# Payment notification load test: starts a fresh store (Release) with its WeChat emulator, places N orders with
# Native prepays, then posts one genuine signed and encrypted notification per order over loopback — first to a
# verify-only baseline endpoint of the same store, then to /wechat/pay/notify — and prints notifications/s,
# p50/p99 and the ratio. Fails unless every notification was applied.
#   bench/pay-notify-load.sh [--orders 3000] [--concurrency 16]
source "$(dirname "$0")/lib.sh"
emulator_port=$(free_port)
start_store WeChat__Mode=Sandbox WeChat__StoreBaseUrl="http://127.0.0.1:$port" \
  WeChatEmulator__Urls="http://127.0.0.1:$emulator_port" WeChatEmulator__DataDirectory="$work/emulator" \
  WeChatEmulator__OfficialAccount__MessageUrl= Payments__BenchmarkBaseline=true Payments__ReconcileDaily=false
load_client pay-notify --url "http://127.0.0.1:$port" --emulator-data "$work/emulator" --concurrency 16 "$@"
