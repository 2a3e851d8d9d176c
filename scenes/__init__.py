"""Manim scenes of the lecture, one class per storyboard row (see scenes.lecture.SCENES)."""
