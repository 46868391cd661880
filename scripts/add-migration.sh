#!/usr/bin/env bash
# Adds an EF Core migration for both providers: scripts/add-migration.sh NAME
# (dotnet-ef 10.0.15: dotnet tool install -g dotnet-ef --version 10.0.15)
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName}
cd "$(dirname "$0")/../src/WxMall"
dotnet build --nologo -v q
for provider in Sqlite PostgreSql; do
  dotnet ef migrations add "$name" --no-build --context "${provider}MallDb" \
    --output-dir "Data/Migrations/$provider" --namespace "WxMall.Data.Migrations.$provider"
done
# dotnet-ef 10 writes the model snapshot under a folder named after the root namespace; put it beside its migrations.
if [ -d WxMall/Data/Migrations ]; then
  for provider in Sqlite PostgreSql; do
    mv WxMall/Data/Migrations/$provider/*ModelSnapshot.cs Data/Migrations/$provider/
  done
  rm -rf WxMall
fi
