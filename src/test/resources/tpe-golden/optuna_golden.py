"""Golden values for ParzenEstimatorGoldenTest: Optuna's own Parzen estimator (the one its TPESampler builds,
with its defaults: prior weight 1, magic clip on, endpoints not considered, equal weights below 25
observations) on fixed observations, its log density at fixed points.

    python -m venv venv && venv/bin/pip install optuna==5.0.0
    venv/bin/python optuna_golden.py > optuna-5.0.0.json
"""
import json

import numpy as np
import optuna
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
from optuna.samplers._tpe.parzen_estimator import _ParzenEstimator, _ParzenEstimatorParameters
from optuna.samplers._tpe.sampler import default_weights

PARAMETERS = _ParzenEstimatorParameters(
    prior_weight=1.0, consider_magic_clip=True, consider_endpoints=False, weights=default_weights,
    multivariate=True)


def dimension(d):
    if isinstance(d, CategoricalDistribution):
        return {"kind": "categorical", "choices": len(d.choices)}
    return {"kind": "int" if isinstance(d, IntDistribution) else "float", "low": d.low, "high": d.high,
            "log": d.log, "step": d.step}


def case(name, space, observations, points):
    """observations and points: one list per dimension, in the original space (a category by its index)."""
    estimator = _ParzenEstimator({k: np.asarray(v, dtype=float) for k, v in zip(space, observations)},
                                 space, PARAMETERS)
    log_pdf = estimator.log_pdf({k: np.asarray(v, dtype=float) for k, v in zip(space, points)})
    return {"name": name, "dimensions": [dimension(d) for d in space.values()],
            "observations": [list(map(float, p)) for p in zip(*observations)] if observations[0] else [],
            "points": [list(map(float, p)) for p in zip(*points)],
            "log_density": [float(v) for v in log_pdf]}


cases = [
    case("a linear range, four observations",
         {"x": FloatDistribution(0.0, 10.0)},
         [[1.0, 2.5, 2.7, 8.0]], [[0.5, 2.6, 5.0, 9.9]]),
    case("a log range, three observations",
         {"lr": FloatDistribution(1e-4, 1e-1, log=True)},
         [[1e-3, 3e-3, 5e-2]], [[2e-4, 2e-3, 1e-2, 9e-2]]),
    case("a lone observation",
         {"x": FloatDistribution(0.0, 1.0)},
         [[0.8]], [[0.1, 0.79, 1.0]]),
    case("no observations: the prior alone",
         {"x": FloatDistribution(-1.0, 1.0)},
         [[]], [[-0.9, 0.0, 0.5]]),
    case("a categorical of four, three observations",
         {"c": CategoricalDistribution(["a", "b", "c", "d"])},
         [[0, 0, 2]], [[0, 1, 2, 3]]),
    case("whole numbers, log-spaced",
         {"filters": IntDistribution(8, 128, log=True)},
         [[16, 32, 33]], [[8, 16, 32, 100, 128]]),
    case("a step",
         {"dropout": FloatDistribution(0.0, 0.5, step=0.1)},
         [[0.1, 0.1, 0.4]], [[0.0, 0.1, 0.2, 0.5]]),
    case("three dimensions, one joint kernel per observation",
         {"x": FloatDistribution(0.0, 1.0), "lr": FloatDistribution(1e-3, 1.0, log=True),
          "act": CategoricalDistribution(["relu", "tanh", "elu"])},
         [[0.1, 0.5, 0.9, 0.45], [0.01, 0.2, 0.003, 0.15], [0, 1, 0, 1]],
         [[0.5, 0.1, 0.95], [0.2, 0.01, 0.5], [1, 0, 2]]),
]
print(json.dumps({"optuna": optuna.__version__, "cases": cases}))
