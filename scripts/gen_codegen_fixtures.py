#!/usr/bin/env python3
"""Tests lrkit's PyTorch code export for real.

1. `npx tsx scripts/emit_codegen.ts` writes test/fixtures/codegen/<name>.py = toCode(spec, 'pytorch')
   for every spec in test/fixtures/codegen/specs.json.
2. This script runs every generated program with this interpreter (the repository's .venv: PyTorch 2.13) and
   stores what it prints as test/fixtures/codegen/<name>.json.

src/codegen/toCode.test.ts then checks that the committed programs are what toCode emits today and
that lrkit's runTrace(spec) equals the lrs PyTorch printed.

Run: npm run fixtures:codegen   (= .venv/bin/python scripts/gen_codegen_fixtures.py)
"""
import json
import os
import subprocess
import sys

import torch

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
DIR = os.path.join(ROOT, 'test', 'fixtures', 'codegen')

subprocess.run(['npx', 'tsx', 'scripts/emit_codegen.ts'], cwd=ROOT, check=True)
with open(os.path.join(DIR, 'specs.json')) as f:
    specs = json.load(f)
for name in specs:
    program = os.path.join(DIR, name + '.py')
    out = subprocess.run([sys.executable, program], capture_output=True, text=True, check=True).stdout
    result = json.loads(out)
    result['torch'] = torch.__version__
    with open(os.path.join(DIR, name + '.json'), 'w') as f:
        json.dump(result, f)
        f.write('\n')
    print(f'{name}: {len(result["lr"])} rows')
