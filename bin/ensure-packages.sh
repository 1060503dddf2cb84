# Sourced by bin/test and bin/reproduce: installs the Debian packages snnlab's jobs need when they are
# missing and we are root (real Fashion-MNIST; the headless Jupyter runner). Otherwise says what to install.
_need=()
[ -d /usr/share/datasets/fashion-mnist ] || [ -d "${SNNLAB_DATA:-/nonexistent}/fashion-mnist" ] || [ -d data/fashion-mnist ] || _need+=(dataset-fashion-mnist)
/usr/bin/python3 -c "import nbclient, nbconvert, jupyter_client" 2>/dev/null || _need+=(jupyter-nbconvert jupyter-client python3-ipykernel)
if [ ${#_need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "snnlab: installing ${_need[*]} (Debian) ..." >&2
    apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${_need[@]}" >&2
  else
    echo "snnlab: please install: ${_need[*]} (Debian/Ubuntu: sudo apt-get install ${_need[*]})" >&2
  fi
fi
unset _need
