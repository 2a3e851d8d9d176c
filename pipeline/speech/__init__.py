"""Offline narration: text to speech, its cache, sentence timing, captions and audio tracks.

The building blocks, each usable on its own:

- :mod:`pipeline.speech.engines`    text -> :class:`~pipeline.speech.engines.Speech` through
  Piper (neural, the default voice ``joe``), espeak-ng (the fallback) or no voice at all;
- :mod:`pipeline.speech.cache`      speech cached on disk, one entry per sentence;
- :mod:`pipeline.speech.pronounce`  the one pronunciation table: math notation -> spoken words;
- :mod:`pipeline.speech.sentences`  a paragraph -> sentences -> one track with measured timings;
- :mod:`pipeline.speech.captions`   WebVTT captions and chapters, a strict parser, the transcript;
- :mod:`pipeline.speech.audio`      joining clips, loudness and silence measures, WAV files, and
  muxing an AAC track (and soft subtitles) into an mp4 without re-encoding its video.
"""
