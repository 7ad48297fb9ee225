#!/usr/bin/env bash
# Try the scaled-out setup on one machine: a PostgreSQL cluster with PostGIS in a temporary
# folder (filled with the demo data), two dashboard processes and HAProxy in front of them,
# all on 127.0.0.1. Ctrl-C (or SIGTERM) stops everything and removes the temporary cluster.
#
# Needs the Debian packages postgresql, postgis and haproxy, and the app installed
# (pip install -r requirements.txt). Ports: GB_PORT (the load balancer, default 8500),
# GB_DASHBOARD_PORTS (default "8511 8512"). When all is up it prints one line
#   READY http://127.0.0.1:8500/
# and GB_ADMIN_PASSWORD, if set, makes an account "beheerder" with that password.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
listen_port="${GB_PORT:-8500}"
read -r -a dashboard_ports <<< "${GB_DASHBOARD_PORTS:-8511 8512}"
python="${PYTHON:-python3}"

bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [[ -z "$bindir" || ! -x "$bindir/initdb" ]]; then
    echo "PostgreSQL is not installed: apt-get install postgresql postgis haproxy" >&2
    exit 2
fi
command -v haproxy >/dev/null || { echo "HAProxy is not installed: apt-get install haproxy" >&2; exit 2; }

work="$(mktemp -d /tmp/gebrookerbos-try-XXXXXX)"
as_pg=()
if [[ "$(id -u)" == 0 ]]; then  # PostgreSQL refuses to run as root
    as_pg=(runuser -u postgres --)
    chown postgres "$work"
fi
healthy() {  # the dashboard (or the load balancer) at 127.0.0.1:$1 answers its health check
    "$python" - "$1" <<'PY' 2>/dev/null
import sys, urllib.request
with urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/_stcore/health", timeout=2) as r:
    sys.exit(0 if r.read().strip() == b"ok" else 1)
PY
}
pids=()
cleanup() {
    trap - EXIT INT TERM
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    "${as_pg[@]}" "$bindir/pg_ctl" -D "$work/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 0' INT TERM

pg_port="$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"${as_pg[@]}" "$bindir/initdb" -D "$work/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_pg[@]}" "$bindir/pg_ctl" -D "$work/data" -w -l "$work/postgresql.log" \
    -o "-p $pg_port -k $work -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
"${as_pg[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres gebrookerbos
export GEBROOKERBOS_DB="postgresql://postgres@127.0.0.1:$pg_port/gebrookerbos"
cd "$root"
"$python" -m gebrookerbos init
if [[ -n "${GB_ADMIN_PASSWORD:-}" ]]; then
    printf '%s\n' "$GB_ADMIN_PASSWORD" | "$python" -m gebrookerbos add-user beheerder \
        --role beheerder --password-stdin
fi

backends=()
for port in "${dashboard_ports[@]}"; do
    "$python" -m streamlit run dashboard.py --server.address 127.0.0.1 --server.port "$port" \
        --server.fileWatcherType none \
        > "$work/dashboard-$port.log" 2>&1 &
    pids+=("$!")
    backends+=("127.0.0.1:$port")
done
for port in "${dashboard_ports[@]}"; do
    for _ in $(seq 1 240); do
        if healthy "$port"; then
            break
        fi
        sleep 0.5
    done
done

export GB_LISTEN="127.0.0.1:$listen_port" GB_BACKEND1="${backends[0]}" GB_BACKEND2="${backends[1]:-${backends[0]}}"
haproxy -db -f "$root/deploy/haproxy.cfg" > "$work/haproxy.log" 2>&1 &
pids+=("$!")
for _ in $(seq 1 60); do
    if healthy "$listen_port"; then
        echo "READY http://127.0.0.1:$listen_port/ (dashboards ${backends[*]}, store ${GEBROOKERBOS_DB})"
        wait -n "${pids[@]}"
        echo "a process stopped; logs were in $work" >&2
        exit 1
    fi
    sleep 0.5
done
echo "the load balancer did not come up:" >&2
cat "$work/haproxy.log" >&2
exit 1
