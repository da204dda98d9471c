#!/usr/bin/env bash
# Installs the plugin ABI for third-party plugin builds: the C header and a
# pkg-config file. Swift plugin authors depend on the ConnectorSDK package instead.
#   scripts/install-sdk.sh PREFIX      (e.g. /usr/local)
#   cc -shared -fPIC $(pkg-config --cflags connector-abi) my_plugin.c -o my_plugin.so
set -euo pipefail
prefix="${1:?usage: install-sdk.sh PREFIX}"
root="$(cd "$(dirname "$0")/.." && pwd)"
version="$(sed -n 's/^#define UCP_ABI_VERSION_MAJOR \([0-9]*\)$/\1/p' "$root/PluginAPI/CConnectorABI/include/connector_abi.h").$(sed -n 's/^#define UCP_ABI_VERSION_MINOR \([0-9]*\)$/\1/p' "$root/PluginAPI/CConnectorABI/include/connector_abi.h")"
install -d "$prefix/include" "$prefix/lib/pkgconfig"
install -m 0644 "$root/PluginAPI/CConnectorABI/include/connector_abi.h" "$prefix/include/connector_abi.h"
cat > "$prefix/lib/pkgconfig/connector-abi.pc" <<PC
prefix=$prefix
includedir=\${prefix}/include

Name: connector-abi
Description: Unified Connector Host plugin ABI (C header)
Version: $version
Cflags: -I\${includedir}
PC
echo "installed connector_abi.h (ABI $version) under $prefix"
