"""Each hidden unit's line a_i = 1/2, clipped to the data's box: checked on the line, on the
box's edge, against the unit's own activation, and against a walk round the box's edge."""

import itertools

import numpy as np
import pytest

from mathcore import hidden_lines, network
from mathcore.network import NetworkParams


def random_params(seed, hidden):
    rng = np.random.default_rng(seed)
    return NetworkParams(
        theta1=rng.normal(0.0, 2.0, (hidden, 2)),
        b1=rng.normal(0.0, 1.0, hidden),
        theta2=rng.normal(0.0, 2.0, hidden),
        b2=float(rng.normal()),
    )


def perimeter_crossings(theta, b, xlim, ylim, steps=4000):
    """Where z = theta . (x, y) + b changes sign walking round the box's edge (a point of
    each edge every 1/steps of it): the line's crossings, independent of any clipping."""
    (x0, x1), (y0, y1) = xlim, ylim
    s = np.linspace(0.0, 1.0, steps + 1)
    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
    walk = np.concatenate(
        [
            np.column_stack([a[0] + s * (e[0] - a[0]), a[1] + s * (e[1] - a[1])])
            for a, e in itertools.pairwise(corners)
        ]
    )
    z = walk @ theta + b
    change = np.flatnonzero(np.sign(z[1:]) != np.sign(z[:-1]))
    return [(walk[k] + walk[k + 1]) / 2 for k in change]


def test_bounding_box():
    X = np.array([[1.0, -2.0], [3.0, 5.0], [-1.0, 0.0]])
    assert hidden_lines.bounding_box(X) == ((-1.0, 3.0), (-2.0, 5.0))
    assert hidden_lines.bounding_box(X, margin=0.5) == ((-1.5, 3.5), (-2.5, 5.5))


@pytest.mark.parametrize(("seed", "hidden"), [(0, 1), (1, 3), (2, 5)])
def test_each_unit_line_is_where_its_activation_is_one_half(seed, hidden):
    params = random_params(seed, hidden)
    xlim, ylim = (-2.0, 3.0), (-1.5, 2.5)
    lines = hidden_lines.hidden_unit_lines(params, xlim, ylim)
    assert [line.unit for line in lines] == list(range(hidden))
    for i, line in enumerate(lines):
        np.testing.assert_array_equal(line.normal, params.theta1[i])
        assert line.offset == params.b1[i] and line.weight_out == params.theta2[i]
        crossings = perimeter_crossings(params.theta1[i], params.b1[i], xlim, ylim)
        if line.segment is None:
            assert len(crossings) == 0
            continue
        ends = np.array(line.segment)
        # the unit's own activation is 1/2 at both ends
        a = network.forward(params, ends).a[:, i]
        np.testing.assert_allclose(a, 0.5, atol=1e-12)
        for x, y in ends:
            assert xlim[0] - 1e-12 <= x <= xlim[1] + 1e-12
            assert ylim[0] - 1e-12 <= y <= ylim[1] + 1e-12
            assert (
                min(abs(x - xlim[0]), abs(x - xlim[1]), abs(y - ylim[0]), abs(y - ylim[1])) < 1e-9
            )
        # the walk round the edge finds the same two crossings
        assert len(crossings) == 2
        for point in crossings:
            assert min(np.hypot(*(point - end)) for end in ends) < 5e-3
        # a_i > 1/2 on the side the normal points to
        middle = ends.mean(axis=0)
        ahead = middle + 0.01 * params.theta1[i] / np.hypot(*params.theta1[i])
        assert network.forward(params, ahead[None, :]).a[0, i] > 0.5


def test_a_line_that_misses_the_box_has_no_segment():
    params = NetworkParams(
        theta1=np.array([[1.0, 0.0], [0.0, 1.0]]),
        b1=np.array([-10.0, 0.0]),  # x = 10 (outside) and y = 0 (inside)
        theta2=np.array([1.0, -1.0]),
        b2=0.0,
    )
    first, second = hidden_lines.hidden_unit_lines(params, (-1.0, 1.0), (-1.0, 1.0))
    assert first.segment is None
    assert sorted(second.segment) == [(-1.0, 0.0), (1.0, 0.0)]


def test_the_lecture_network_units_cross_the_rings(lecture):
    X = lecture.hopeless_data.X
    params = lecture.network.final
    lines = hidden_lines.hidden_unit_lines(params, *hidden_lines.bounding_box(X))
    assert len(lines) == params.hidden
    # every unit of the trained network draws its line through the data
    assert all(line.segment is not None for line in lines)
