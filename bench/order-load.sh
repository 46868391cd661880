#!/usr/bin/env bash
# Order placement load test: starts a fresh store (Release) on loopback, drives one hot SKU,
# prints attempts/s, p50/p99 and the ratio to a bare endpoint of the same store, and checks zero oversell.
#   bench/order-load.sh [--seconds 10] [--concurrency 32] [--stock 40000]
# On SQLite by default; WXMALL_BENCH_POSTGRES (an Npgsql connection string of a user who may create databases)
# runs it on a fresh PostgreSQL database instead.
source "$(dirname "$0")/lib.sh"
start_store WeChat__Mode=Off
load_client --url "http://127.0.0.1:$port" "$@"
