#!/usr/bin/env bash
# `npm run fixtures [-- torch recipes codegen tfjs finder]`: regenerates the golden fixtures under test/fixtures/
# from the real libraries. Creates the Python environment `.venv` at the repository root when it is missing
# (PyTorch, transformers, timm, Optax + jax, Keras, tensorboard), then runs every generator (or the ones named).
# Tests and CI only read the committed fixtures; they never need Python.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
  echo "creating .venv (first run only)"
  python3 -m venv .venv && .venv/bin/pip install torch numpy transformers timm optax jax jaxlib keras tensorboard
fi
PY=.venv/bin/python
export KERAS_BACKEND=jax
# One thread: the generators record numbers, not speed, and the machine is shared.
export OMP_NUM_THREADS=1 XLA_FLAGS="${XLA_FLAGS:---xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1}"

targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(torch recipes codegen tfjs finder tensorboard)
for target in "${targets[@]}"; do
  echo "== fixtures: ${target}"
  case "$target" in
    torch) "$PY" scripts/gen_torch_fixtures.py ;;
    recipes) "$PY" scripts/gen_recipe_fixtures.py ;;
    codegen) "$PY" scripts/gen_codegen_fixtures.py ;;
    tfjs) "$PY" scripts/gen_tfjs_fixtures.py ;;
    finder) "$PY" scripts/gen_finder_fixtures.py ;;
    tensorboard) "$PY" scripts/gen_tensorboard_fixtures.py ;;
    *) echo "unknown fixture set: ${target} (torch, recipes, codegen, tfjs, finder, tensorboard)" >&2; exit 2 ;;
  esac
done
