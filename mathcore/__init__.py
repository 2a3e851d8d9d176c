"""mathcore: every number the lecture shows, computed with numpy/scipy (no manim here)."""
