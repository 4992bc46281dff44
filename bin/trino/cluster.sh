#!/usr/bin/env bash
# A Trino cluster on loopback for Aftersight's Trino engine and its tests: one coordinator and two workers, each a
# process of its own with its own node id, port, etc and data folder, and two catalogs over the local file system
# (a Hive file metastore, `hive`, and Iceberg tables in a file metastore, `iceberg`).
#
#   bin/trino/cluster.sh install   download io.trino:trino-server from Maven Central (cached), check its SHA-1, unpack,
#                                  and remove the plugins Aftersight does not use (they only slow the start); and
#                                  sqlglot from PyPI in $AFTERSIGHT_TRINO_HOME/py (the models' transpiler)
#   bin/trino/cluster.sh start     install if needed, write the configuration, start the three nodes and wait (no fixed
#                                  sleep: it polls /v1/info, then system.runtime.nodes) until two workers are active
#   bin/trino/cluster.sh stop      stop the nodes this script started (their pid files)
#   bin/trino/cluster.sh status    the nodes and their state, as the coordinator sees them
#
# Settings (environment): AFTERSIGHT_TRINO_HOME (default ~/.cache/aftersight/trino: the download, the unpacked
# server and the cluster's state, outside the repository), AFTERSIGHT_TRINO_VERSION (default 368: the newest release
# Maven Central serves here that runs on Java 17), AFTERSIGHT_TRINO_PORT (default 18080: the coordinator; the
# workers take the next two ports), AFTERSIGHT_TRINO_HEAP (default 1G per node), JAVA_HOME (else java on PATH).
set -euo pipefail

version="${AFTERSIGHT_TRINO_VERSION:-368}"
home="${AFTERSIGHT_TRINO_HOME:-$HOME/.cache/aftersight/trino}"
port="${AFTERSIGHT_TRINO_PORT:-18080}"
heap="${AFTERSIGHT_TRINO_HEAP:-1G}"
maven="${AFTERSIGHT_MAVEN_URL:-https://repo1.maven.org/maven2}"
sqlglot_version=30.30.0
server="$home/trino-server-$version"
cluster="$home/cluster"
nodes=(coordinator worker1 worker2)
# The plugins kept: the two connectors over files. Every other plugin folder is removed after unpacking.
keep_plugins=(hive iceberg)
url="http://127.0.0.1:$port"

say() { echo "trino: $*" >&2; }

java_bin() {
  if [ -n "${JAVA_HOME:-}" ]; then echo "$JAVA_HOME/bin/java"; else command -v java; fi
}

# sqlglot (PyPI), the transpiler that turns the DuckDB models into Trino SQL, in a virtual environment of its own.
install_transpiler() {
  local py="$home/py/bin/python"
  if [ -x "$py" ] && "$py" -c "import sqlglot; assert sqlglot.__version__ == '$sqlglot_version'" 2>/dev/null; then return 0; fi
  python3 -m venv "$home/py"
  "$home/py/bin/pip" install -q --disable-pip-version-check "sqlglot==$sqlglot_version"
  say "installed sqlglot $sqlglot_version in $home/py"
}

install() {
  install_transpiler
  if [ -x "$server/bin/launcher" ] && [ -f "$server/.aftersight-pruned" ]; then return 0; fi
  mkdir -p "$home"
  local tgz="$home/trino-server-$version.tar.gz"
  local base="$maven/io/trino/trino-server/$version/trino-server-$version.tar.gz"
  local t0=$SECONDS
  if [ ! -f "$tgz" ]; then
    say "downloading $base"
    curl -fsSL --retry 3 -o "$tgz.part" "$base"
    mv "$tgz.part" "$tgz"
  fi
  local want got
  want="$(curl -fsSL --retry 3 "$base.sha1" | awk '{print $1}')"
  got="$(sha1sum "$tgz" | awk '{print $1}')"
  if [ "$want" != "$got" ]; then
    rm -f "$tgz"
    say "SHA-1 mismatch for $tgz (Maven Central says $want, the file is $got): removed, run again"
    exit 1
  fi
  rm -rf "$server" "$server.partial"
  mkdir -p "$server.partial"
  tar xzf "$tgz" -C "$server.partial" --strip-components=1
  for p in "$server.partial"/plugin/*; do
    local name keep=0
    name="$(basename "$p")"
    for k in "${keep_plugins[@]}"; do [ "$name" = "$k" ] && keep=1; done
    [ $keep = 1 ] || rm -rf "$p"
  done
  touch "$server.partial/.aftersight-pruned"
  mv "$server.partial" "$server"
  say "installed Trino $version in $server ($((SECONDS - t0)) s; plugins: ${keep_plugins[*]})"
}

write_config() {
  local java_version
  java_version="$("$(java_bin)" -version 2>&1 | head -1)"
  say "java: $java_version"
  mkdir -p "$cluster/metastore/hive" "$cluster/metastore/iceberg" "$cluster/warehouse"
  local i=0
  for node in "${nodes[@]}"; do
    local etc="$cluster/$node/etc"
    mkdir -p "$etc/catalog" "$cluster/$node/data"
    cat >"$etc/node.properties" <<EOF
node.environment=aftersight
node.id=aftersight-$node
node.data-dir=$cluster/$node/data
node.internal-address=127.0.0.1
EOF
    cat >"$etc/jvm.config" <<EOF
-server
-Xmx$heap
-XX:+UseG1GC
-XX:+ExitOnOutOfMemoryError
-XX:ReservedCodeCacheSize=256M
-Djdk.attach.allowAttachSelf=true
-Duser.timezone=UTC
EOF
    if [ "$node" = coordinator ]; then
      cat >"$etc/config.properties" <<EOF
coordinator=true
node-scheduler.include-coordinator=false
http-server.http.port=$port
discovery.uri=$url
EOF
    else
      cat >"$etc/config.properties" <<EOF
coordinator=false
http-server.http.port=$((port + i))
discovery.uri=$url
EOF
    fi
    # Small machines: modest memory per query; decimal literals (3600.0) are doubles, as in DuckDB's arithmetic.
    cat >>"$etc/config.properties" <<EOF
query.max-memory=1GB
query.max-memory-per-node=384MB
query.max-total-memory-per-node=512MB
memory.heap-headroom-per-node=256MB
parse-decimal-literals-as-double=true
EOF
    cat >"$etc/catalog/hive.properties" <<EOF
connector.name=hive
hive.metastore=file
hive.metastore.catalog.dir=file://$cluster/metastore/hive
hive.metastore.user=aftersight
hive.security=allow-all
hive.non-managed-table-writes-enabled=true
hive.non-managed-table-creates-enabled=true
hive.timestamp-precision=MICROSECONDS
hive.parquet.use-column-names=true
hive.recursive-directories=true
hive.storage-format=PARQUET
hive.compression-codec=ZSTD
EOF
    cat >"$etc/catalog/iceberg.properties" <<EOF
connector.name=iceberg
iceberg.catalog.type=TESTING_FILE_METASTORE
hive.metastore.catalog.dir=file://$cluster/metastore/iceberg
iceberg.file-format=PARQUET
iceberg.compression-codec=ZSTD
EOF
    i=$((i + 1))
  done
}

launcher() {
  local node="$1"
  shift
  PATH="$(dirname "$(java_bin)"):$PATH" "$server/bin/launcher" "$@" --etc-dir="$cluster/$node/etc" --data-dir="$cluster/$node/data"
}

# One statement over Trino's HTTP protocol (POST /v1/statement, then follow nextUri); prints the rows as JSON lines.
statement() {
  python3 - "$url" "$1" <<'PY'
import json, sys, urllib.request
base, sql = sys.argv[1], sys.argv[2]
req = urllib.request.Request(base + '/v1/statement', data=sql.encode(), headers={'X-Trino-User': 'aftersight'})
r = json.load(urllib.request.urlopen(req, timeout=30))
while True:
    if 'error' in r:
        print(r['error'].get('message'), file=sys.stderr); sys.exit(1)
    for row in r.get('data', []) or []:
        print(json.dumps(row))
    if 'nextUri' not in r:
        break
    r = json.load(urllib.request.urlopen(urllib.request.Request(r['nextUri'], headers={'X-Trino-User': 'aftersight'}), timeout=30))
PY
}

active_workers() {
  statement "select count(*) from system.runtime.nodes where coordinator = false and state = 'active'" 2>/dev/null | tr -d '[]' || echo 0
}

start() {
  install
  write_config
  local t0=$SECONDS
  for node in "${nodes[@]}"; do
    if launcher "$node" status >/dev/null 2>&1; then
      say "$node already running"
    else
      # A start renames the last server.log after itself, so the name grows by a date at every start of a kept
      # cache until the file system refuses it ("File name too long") and the node dies at once: each start
      # logs afresh (its failures below print this start's log).
      rm -rf "$cluster/$node/data/var/log"
      launcher "$node" start >/dev/null
    fi
  done
  local deadline=$((SECONDS + ${AFTERSIGHT_TRINO_START_TIMEOUT:-300}))
  # The coordinator answers /v1/info with "starting": false once it has started.
  until curl -fsS "$url/v1/info" 2>/dev/null | grep -q '"starting" *: *false'; do
    if [ $SECONDS -ge $deadline ]; then
      say "the coordinator did not start in time; its log:"
      tail -n 40 "$cluster/coordinator/data/var/log/server.log" >&2 || true
      exit 1
    fi
    if ! launcher coordinator status >/dev/null 2>&1; then
      say "the coordinator stopped; its log:"
      tail -n 40 "$cluster/coordinator/data/var/log/server.log" >&2 || true
      exit 1
    fi
    sleep 1
  done
  until [ "$(active_workers)" = 2 ]; do
    if [ $SECONDS -ge $deadline ]; then
      say "only $(active_workers) of 2 workers became active; their logs:"
      tail -n 20 "$cluster"/worker*/data/var/log/server.log >&2 || true
      exit 1
    fi
    for w in worker1 worker2; do
      if ! launcher "$w" status >/dev/null 2>&1; then
        say "$w stopped; its log:"
        tail -n 40 "$cluster/$w/data/var/log/server.log" >&2 || true
        exit 1
      fi
    done
    sleep 1
  done
  say "cluster up at $url: a coordinator and 2 active workers ($((SECONDS - t0)) s)"
}

stop() {
  for node in "${nodes[@]}"; do
    [ -d "$cluster/$node/etc" ] || continue
    launcher "$node" stop >/dev/null 2>&1 || true
  done
  say "stopped"
}

status() {
  for node in "${nodes[@]}"; do
    printf '%-12s %s\n' "$node" "$(launcher "$node" status 2>&1 || true)"
  done
  statement "select node_id, http_uri, coordinator, state from system.runtime.nodes order by node_id" || true
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  *)
    echo "usage: $0 install|start|stop|status" >&2
    exit 2
    ;;
esac
