"""`python -m hallway.engines`: the engine process `hallway serve` starts.

`python -m hallway.engines export-onnx PATH` is the throwaway child that writes the ONNX model.
"""

from __future__ import annotations

import os
import sys

# One BLAS thread (set before numpy loads): a query is one small matrix product, and on a
# 2-core server more threads only fight the web workers for the cores.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

if sys.argv[1:2] == ["export-onnx"]:
    from pathlib import Path

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hallway.settings")
    import django

    django.setup()
    from hallway.engines.embedding import export

    export(Path(sys.argv[2]))
else:
    from hallway.engines.server import main

    main()
