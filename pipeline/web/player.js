/* The lecture's player: plays each slide's clip on the projected screen, reveal.js navigates.
 *
 * One rule for every window: a slide reached by "next" (→, Space, a clicker, the speaker view)
 * plays its clip from the first frame; a slide reached any other way (←, the overview, a
 * reload, a jump) shows its finished frame. Every clip is muted, inline and without controls,
 * so no browser ever offers a play or unmute button: the page starts playback itself, which
 * muted media may always do. Under the clips lies each slide's poster (its finished frame, the
 * section's background): the overview (Esc) and the speaker view's "upcoming" preview show it.
 *
 * The page is also loaded by reveal.js's speaker view, twice: the "current" preview plays like
 * the projected window, the "upcoming" one shows posters only.
 *
 * Two ways of use, N switches between them: presenting (silent, the teacher speaks: the rule
 * above) and self-study (`lecture.html?study` opens in it; a reload keeps the mode). In
 * self-study, "next" also plays the slide's words -- its audio (data-audio) in one hidden
 * <audio> without controls, started with the clip -- draws its captions (data-cues, JSON)
 * in a box of our own, and moves on by itself when the words end (a slide without words:
 * when its clip ends, after a short hold). A browser plays sound only after a key press or
 * a click in the page, so until then a card says to press a key. P pauses and resumes; back
 * stops the words and shows the finished frame, as in presenting. The speaker view always
 * presents.
 */
(function () {
  'use strict';

  /** The keys the hint shows, in order: [keys, what they do]. */
  const KEYS = [
    ['→ or Space', 'next'],
    ['←', 'back (finished picture)'],
    ['N', 'narrated self-study on/off'],
    ['P', 'pause/resume'],
    ['S', 'speaker notes'],
    ['F', 'full screen'],
    ['Esc', 'all slides'],
    ['B', 'black screen'],
    ['H', 'this hint'],
  ];
  const HINT_SECONDS = 8;
  const MESSAGE_SECONDS = 10;
  const KEEP = 1; // clips kept loaded on each side of the current slide
  const PRESENT = 'present';
  const STUDY = 'study';
  const MODE_STORE = 'lecture-player-mode'; // sessionStorage: the mode, kept across reloads
  const SPOKEN_HOLD = 0.3; // s after a slide's words (its audio ends with a breath) before the next
  const SILENT_HOLD = 2.0; // s after a slide without words, once its clip has ended
  const BREATH = 0.6; // s after the last caption when the audio cannot play (a clock reads them)
  const DRIFT = 0.3; // s the clip may drift from its words before it is put back in step
  const TOAST_SECONDS = 4;
  const READY_SECONDS = 2; // the longest wait for a slide's audio to load before it starts
  const KEY_N = 78;
  const KEY_P = 80;
  const KEY_H = 72;
  const H264 = 'video/mp4; codecs="avc1.640028"';
  const NO_H264 =
    'This browser cannot play the slides\u2019 H.264 video, so each slide shows its finished ' +
    'picture. To see the animations (and hear the narration): on Linux install ffmpeg ' +
    '(Debian/Ubuntu: sudo apt-get install ffmpeg, then restart Firefox), or open this file ' +
    'in Chrome, Chromium or Edge.';

  const search = new URLSearchParams(window.location.search);
  const inSpeakerView = search.has('receiver');
  const upcomingPreview = inSpeakerView && search.get('controls') === 'false';
  const page = window.location.pathname + window.location.search;

  /** The mode to open in: the one last chosen with N in this tab on this page (a reload),
   * else `?study` (or `?mode=study`); the speaker view always presents. */
  function initialMode() {
    if (inSpeakerView) return PRESENT;
    try {
      const kept = JSON.parse(window.sessionStorage.getItem(MODE_STORE) || 'null');
      if (kept && kept.page === page && (kept.mode === STUDY || kept.mode === PRESENT)) {
        return kept.mode;
      }
    } catch (e) {
      // no storage (a privacy setting): the URL decides
    }
    return search.has('study') || search.get('mode') === STUDY ? STUDY : PRESENT;
  }

  function keepMode(mode) {
    try {
      window.sessionStorage.setItem(MODE_STORE, JSON.stringify({ page: page, mode: mode }));
    } catch (e) {
      // not kept: a reload opens as the URL says
    }
  }

  /** A slide's captions: [[start, end, text], ...], seconds from the slide's start. */
  function cuesOf(slide) {
    try {
      const cues = JSON.parse(slide.getAttribute('data-cues') || '[]');
      return Array.isArray(cues) ? cues : [];
    } catch (e) {
      return [];
    }
  }

  /** Resolve once `media` can play (its data loaded; at the latest after `READY_SECONDS`, a
   * browser that loads nothing before play() then starts it there), reject on its error. */
  function ready(media) {
    return new Promise((resolve, reject) => {
      if (media.error) return reject(media.error);
      if (media.readyState >= 3) return resolve();
      let timer = 0;
      const done = (ok) => () => {
        window.clearTimeout(timer);
        media.removeEventListener('canplay', yes);
        media.removeEventListener('error', no);
        if (ok) resolve();
        else reject(media.error || new Error('the audio cannot be played'));
      };
      const yes = done(true);
      const no = done(false);
      timer = window.setTimeout(yes, READY_SECONDS * 1000);
      media.addEventListener('canplay', yes);
      media.addEventListener('error', no);
    });
  }

  /** The <audio> that says the slides' words in self-study: hidden, never with controls. */
  function makeAudio() {
    const audio = document.createElement('audio');
    audio.controls = false;
    audio.hidden = true;
    audio.preload = 'auto';
    audio.tabIndex = -1;
    audio.setAttribute('aria-hidden', 'true');
    audio.setAttribute('controlslist', 'nodownload noplaybackrate noremoteplayback');
    audio.disableRemotePlayback = true;
    audio.className = 'lp-words';
    return audio;
  }

  /** Make a clip's <video>: muted, inline, no controls, nothing for the viewer to click. */
  function makeVideo(src) {
    const video = document.createElement('video');
    video.muted = true;
    video.defaultMuted = true;
    video.setAttribute('muted', '');
    video.playsInline = true;
    video.setAttribute('playsinline', '');
    video.setAttribute('webkit-playsinline', '');
    video.controls = false;
    video.setAttribute('disablepictureinpicture', '');
    video.setAttribute('disableremoteplayback', '');
    video.setAttribute('controlslist', 'nodownload nofullscreen noremoteplayback noplaybackrate');
    video.disablePictureInPicture = true;
    video.disableRemotePlayback = true;
    video.preload = 'auto';
    video.tabIndex = -1;
    video.setAttribute('aria-hidden', 'true');
    video.src = src;
    return video;
  }

  /** Resolve once the video has data for the frame at `time` (seeking there if needed). */
  function frameAt(video, time) {
    return new Promise((resolve, reject) => {
      const fail = () => reject(video.error || new Error('the clip cannot be played'));
      if (video.error) return fail();
      const seek = () => {
        const target = time === 'end' ? Math.max(0, video.duration - 0.001) : time;
        if (Math.abs(video.currentTime - target) < 1e-4 && video.readyState >= 2 && !video.seeking) {
          resolve();
          return;
        }
        const done = () => {
          video.removeEventListener('seeked', done);
          video.removeEventListener('error', fail);
          resolve();
        };
        video.addEventListener('seeked', done);
        video.currentTime = target;
      };
      video.addEventListener('error', fail, { once: true });
      if (video.readyState >= 1) seek();
      else video.addEventListener('loadedmetadata', seek, { once: true });
    });
  }

  class Player {
    constructor(reveal) {
      this.reveal = reveal;
      this.slides = reveal.getSlides();
      this.videos = new Map(); // slide index -> its <video>
      this.shown = null; // the <video> on screen
      this.index = -1;
      this.request = 0; // the latest navigation; an older one that finishes late is dropped
      this.failed = false;
      this.mode = PRESENT;
      this.unlocked = false; // a key press or click in this page: the browser lets it play sound
      this.waiting = null; // self-study: the slide that starts on the first key press
      this.talk = null; // self-study: the slide whose words play now
      this.ticker = 0;
      this.started = false;
      this.hasWords = this.slides.some((s) => s.hasAttribute('data-audio'));
      this.audio = makeAudio();
      this.stage = document.createElement('div');
      this.stage.className = 'lp-stage';
      this.stage.style.setProperty('--lp-background', this.background());
      const backgrounds = reveal.getBackgroundsElement();
      backgrounds.parentNode.insertBefore(this.stage, backgrounds.nextSibling);
      this.stage.appendChild(this.audio);
      document.documentElement.classList.add('lp-player');
      if (inSpeakerView) document.documentElement.classList.add('lp-speaker-preview');
    }

    background() {
      const slide = this.slides[0];
      return (slide && slide.getAttribute('data-background-color')) || 'black';
    }

    current() {
      return this.slides.indexOf(this.reveal.getCurrentSlide());
    }

    video(index) {
      let video = this.videos.get(index);
      if (!video) {
        video = makeVideo(this.slides[index].getAttribute('data-clip'));
        video.dataset.slide = String(index);
        video.addEventListener('error', () => this.cannotPlay(video));
        this.videos.set(index, video);
        this.stage.appendChild(video);
      }
      return video;
    }

    /** Keep the clips of the slides around `index` loaded; let the others go. */
    trim(index) {
      for (const [k, video] of this.videos) {
        if (Math.abs(k - index) > KEEP && video !== this.shown) {
          video.pause();
          video.removeAttribute('src');
          video.load();
          video.remove();
          this.videos.delete(k);
        }
      }
      for (let k = index - KEEP; k <= index + KEEP; k++) {
        if (k >= 0 && k < this.slides.length) this.video(k);
      }
    }

    display(video) {
      for (const other of this.videos.values()) {
        if (other !== video) {
          other.classList.remove('lp-shown');
          if (!other.paused) other.pause();
        }
      }
      this.stage.classList.remove('lp-cover');
      if (video) video.classList.add('lp-shown');
      this.shown = video;
    }

    studying() {
      return this.mode === STUDY;
    }

    /** Show slide `index`: 'play' its clip from the first frame (in self-study with its
     * words), or show its 'end' (silent, in either mode). */
    go(index, how) {
      const request = ++this.request;
      this.index = index;
      this.silence();
      const study = this.studying() && how === 'play';
      if (study) this.prepareWords(index); // its audio loads while the clip seeks
      if (study && this.hasWords && !this.unlocked) {
        // no sound before a key press: the card asks for it from now on, not only once the
        // clip's first frame is there -- a key pressed meanwhile (Space) must start these
        // words, not move on to the next slide and leave them unsaid
        this.waiting = index;
        showCard(true);
      }
      if (this.failed) {
        // posters only (no H.264): in self-study the words still play over them
        if (study) this.startWords(index, null, request);
        return;
      }
      const video = this.video(index);
      if (how === 'play') {
        // the picture on screen (the previous slide's last frame, which is this clip's first)
        // stays until the clip's first frame is there; with nothing on screen, the page's
        // background hides the poster (the finished frame must not show before the animation)
        if (!this.shown) this.stage.classList.add('lp-cover');
        video.pause();
        frameAt(video, 0)
          .then(() => {
            if (request !== this.request) return;
            this.display(video);
            if (study) return this.startWords(index, video, request);
            return video.play().catch(() => this.go(index, 'end'));
          })
          .catch(() => this.cannotPlay(video));
      } else {
        // the poster (this slide's finished frame) shows until the clip has its last frame
        this.display(null);
        video.pause();
        frameAt(video, 'end')
          .then(() => {
            if (request === this.request) this.display(video);
          })
          .catch(() => this.cannotPlay(video));
      }
      this.trim(index);
    }

    onSlideChanged() {
      const index = this.current();
      if (index < 0 || this.reveal.isOverview()) return;
      const how = index === this.index + 1 ? 'play' : 'end';
      this.go(index, how);
    }

    /** The browser has no decoder for the clips: posters only, and say what to install. */
    cannotPlay(video) {
      if (this.failed || !video || !video.error) return;
      this.failed = true;
      this.display(null);
      this.stage.classList.add('lp-off');
      if (!inSpeakerView) showMessage(NO_H264);
      const talk = this.talk;
      if (talk && talk.video === video) {
        talk.video = null; // the words go on over the poster
        this.finished(talk, 'video');
      }
    }

    // -- self-study: the words -------------------------------------------------------------
    /** Load slide `index`'s audio (nothing for a slide without words). */
    prepareWords(index) {
      const src = this.slides[index].getAttribute('data-audio');
      if (!src) return;
      if (this.audio.getAttribute('src') !== src) this.audio.src = src;
      else if (this.audio.currentTime !== 0) this.audio.currentTime = 0;
    }

    /** Slide `index` is at its first frame: say its words, or first ask for a key press. */
    startWords(index, video, request) {
      if (request !== this.request) return;
      if (this.hasWords && !this.unlocked) {
        this.waiting = index;
        showCard(true);
        return;
      }
      const slide = this.slides[index];
      const words = slide.hasAttribute('data-audio');
      const talk = {
        index: index,
        request: request,
        video: video,
        cues: cuesOf(slide),
        audio: words ? this.audio : null,
        spoken: words,
        done: { video: !video, audio: !words },
        clock: null, // when the audio cannot play: {base, since, end} reads the captions
        paused: false,
        blackout: false,
        timer: 0,
        synced: 0,
      };
      this.talk = talk;
      if (hintTimer) hideHint(); // the hint shown at start would cover the captions
      if (video) video.onended = () => this.finished(talk, 'video');
      if (talk.audio) {
        this.audio.onended = () => this.finished(talk, 'audio');
        // no sound device, or a broken file: the captions go on by a clock, from the clip's time
        this.audio.onerror = () => {
          if (talk !== this.talk || !talk.audio) return;
          this.useClock(talk, talk.video ? talk.video.currentTime : 0);
          if (!talk.paused) this.runClock(talk);
        };
      }
      this.ticker = window.setInterval(() => this.tick(talk), 100);
      const audioReady = talk.audio ? ready(this.audio).then(() => true, () => false) : null;
      Promise.resolve(audioReady).then((playable) => {
        if (talk !== this.talk) return;
        if (talk.audio && !playable) this.useClock(talk); // e.g. no AAC decoder
        if (talk.paused) return; // P before the start: P again starts them (resumeWords)
        const plays = [];
        if (talk.audio) {
          if (this.audio.currentTime !== 0) this.audio.currentTime = 0;
          plays.push(this.audio.play());
        }
        if (video) plays.push(video.play().catch(() => this.finished(talk, 'video')));
        if (talk.clock) this.runClock(talk);
        if (!plays.length && !talk.clock) this.finished(talk, 'nothing'); // a poster, no words
        Promise.all(plays).catch((err) => this.blocked(talk, err));
      });
    }

    /** The browser refused the sound (no key press it counts yet): back to the card; it
     * cannot play it: a clock reads the captions. (AbortError: a pause or the next slide.) */
    blocked(talk, err) {
      if (talk !== this.talk || !err || err.name === 'AbortError') return;
      if (err.name === 'NotAllowedError') {
        this.unlocked = false;
        this.go(talk.index, 'play');
      } else if (talk.audio) {
        this.useClock(talk);
        this.runClock(talk);
      }
    }

    useClock(talk, from) {
      const last = talk.cues.length ? talk.cues[talk.cues.length - 1][1] : 0;
      talk.audio = null;
      talk.clock = { base: from || 0, since: performance.now(), end: last + BREATH, timer: 0 };
    }

    runClock(talk) {
      const clock = talk.clock;
      clock.since = performance.now();
      window.clearTimeout(clock.timer);
      const left = Math.max(0, clock.end - clock.base);
      clock.timer = window.setTimeout(() => this.finished(talk, 'audio'), left * 1000);
    }

    /** Seconds into the slide's words. */
    time(talk) {
      if (talk.audio) return talk.audio.currentTime;
      if (talk.clock) {
        const running = talk.paused ? 0 : (performance.now() - talk.clock.since) / 1000;
        return talk.clock.base + running;
      }
      return talk.video ? talk.video.currentTime : 0;
    }

    /** The caption of the moment, and the clip kept in step with the words. */
    tick(talk) {
      if (talk !== this.talk) return;
      const now = this.time(talk);
      const cue = talk.cues.find((c) => c[0] <= now && now < c[1]);
      showCaption(cue ? cue[2] : '');
      const video = talk.video;
      if (talk.audio && video && !talk.paused && !video.ended && !video.seeking) {
        const late = Math.abs(video.currentTime - now);
        if (late > DRIFT && now < video.duration - 0.1 && performance.now() - talk.synced > 1000) {
          talk.synced = performance.now();
          video.currentTime = now;
        }
      }
    }

    /** The clip or the words ended; when both have, move on after a short hold. */
    finished(talk, what) {
      if (talk !== this.talk) return;
      talk.done[what] = true;
      if (!talk.done.video || !talk.done.audio || talk.paused) return;
      window.clearTimeout(talk.timer);
      const hold = talk.spoken ? SPOKEN_HOLD : SILENT_HOLD;
      talk.timer = window.setTimeout(() => this.advance(talk), hold * 1000);
    }

    advance(talk) {
      if (talk !== this.talk || talk.paused) return;
      showCaption('');
      if (talk.index < this.slides.length - 1) {
        this.reveal.next(); // "next": the next slide plays with its words
      } else {
        this.silence();
        showToast('The end of the lecture. ← goes back, P plays this slide again.');
      }
    }

    pauseWords(talk) {
      if (talk.paused) return;
      talk.paused = true;
      window.clearTimeout(talk.timer);
      if (talk.audio) talk.audio.pause();
      if (talk.video) talk.video.pause();
      if (talk.clock) {
        talk.clock.base += (performance.now() - talk.clock.since) / 1000;
        window.clearTimeout(talk.clock.timer);
      }
      document.documentElement.classList.add('lp-paused');
    }

    resumeWords(talk) {
      if (!talk.paused) return;
      talk.paused = false;
      talk.blackout = false;
      document.documentElement.classList.remove('lp-paused');
      if (talk.audio && !talk.done.audio) talk.audio.play().catch((err) => this.blocked(talk, err));
      if (talk.video && !talk.done.video) talk.video.play().catch(() => this.finished(talk, 'video'));
      if (talk.clock && !talk.done.audio) this.runClock(talk);
      this.finished(talk, 'nothing'); // both already done: the hold starts again
    }

    /** Stop the words (audio, captions, the card, the hold); the clip is left to go(). */
    silence() {
      const talk = this.talk;
      this.talk = null;
      this.waiting = null;
      window.clearInterval(this.ticker);
      if (talk) {
        window.clearTimeout(talk.timer);
        if (talk.clock) window.clearTimeout(talk.clock.timer);
        if (talk.video) talk.video.onended = null;
      }
      this.audio.onended = null;
      this.audio.onerror = null;
      if (!this.audio.paused) this.audio.pause();
      showCaption('');
      showCard(false);
      document.documentElement.classList.remove('lp-paused');
    }

    // -- keys --------------------------------------------------------------------------------
    /** Every key press and click: the browser now lets the page play sound; on the card, it
     * starts the words (and does nothing else, except N). */
    onInput(event) {
      if (!event.isTrusted) return;
      if (event.type !== 'keydown' || event.key !== 'Escape') this.unlocked = true; // as HTML
      if (this.waiting === null) return;
      if (event.type === 'keydown' && (event.keyCode === KEY_N || event.key === 'Escape')) return;
      if (event.type === 'keydown' && ['Shift', 'Control', 'Alt', 'Meta'].includes(event.key)) {
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
      const index = this.waiting;
      this.waiting = null;
      showCard(false);
      this.go(index, 'play');
    }

    /** N: presenting <-> self-study. Self-study plays the current slide from its first frame
     * with its words; presenting shows its finished frame, silent. */
    setMode(mode, remember) {
      if (inSpeakerView || mode === this.mode) return;
      this.mode = mode;
      document.documentElement.classList.toggle('lp-study', mode === STUDY);
      if (remember) keepMode(mode);
      if (!this.started) return;
      showToast(
        mode === STUDY
          ? 'Self-study: each slide speaks, with captions, and moves on by itself. ' +
              'P pauses, N presents.'
          : 'Presenting: silent, the teacher speaks. N for the narrated self-study.'
      );
      const index = this.current();
      if (index >= 0 && !this.reveal.isOverview()) this.go(index, mode === STUDY ? 'play' : 'end');
    }

    /** P: pause or resume. In self-study: the words and the clip (on the card: start; on a
     * finished slide: say it again); presenting: the clip. */
    togglePause() {
      if (this.studying()) {
        const talk = this.talk;
        if (this.waiting !== null) return; // the key press itself starts it (onInput)
        if (!talk) this.go(this.current(), 'play');
        else if (talk.paused) this.resumeWords(talk);
        else this.pauseWords(talk);
        return;
      }
      const video = this.shown;
      if (!video || video.ended || video.currentTime >= video.duration - 0.05) return;
      if (video.paused) video.play().catch(() => {});
      else video.pause();
    }

    start() {
      const reveal = this.reveal;
      reveal.on('slidechanged', () => this.onSlideChanged());
      reveal.on('overviewshown', () => {
        this.stage.classList.add('lp-off');
        this.silence();
        if (this.shown) this.shown.pause();
      });
      reveal.on('overviewhidden', () => {
        if (!this.failed) this.stage.classList.remove('lp-off');
        this.index = -1; // back from the overview: the finished picture, never a replay
        this.go(this.current(), 'end');
      });
      // B (black screen) holds the words too, and lets them go on after it
      reveal.on('paused', () => {
        const talk = this.talk;
        if (talk && !talk.paused) {
          this.pauseWords(talk);
          talk.blackout = true;
        }
      });
      reveal.on('resumed', () => {
        if (this.talk && this.talk.blackout) this.resumeWords(this.talk);
      });
      if (!inSpeakerView) {
        const input = (event) => this.onInput(event);
        window.addEventListener('keydown', input, true); // before reveal.js sees the key
        window.addEventListener('pointerdown', input, true);
      }
      if (!inSpeakerView && document.createElement('video').canPlayType(H264) === '') {
        this.failed = true;
        this.display(null);
        this.stage.classList.add('lp-off');
        showMessage(NO_H264);
      }
      this.setMode(initialMode(), false);
      this.started = true;
      const first = this.current();
      const fresh = first === 0 && !inSpeakerView;
      this.index = fresh ? -1 : first;
      // self-study opens on the slide's first frame (and the card until a key is pressed)
      this.go(first, fresh || this.studying() ? 'play' : 'end');
    }
  }

  // -- the key hint and messages ------------------------------------------------------------
  let hint = null;
  let hintTimer = 0;

  function makeHint() {
    hint = document.createElement('div');
    hint.className = 'lp-hint';
    hint.setAttribute('role', 'note');
    for (const [keys, action] of KEYS) {
      const item = document.createElement('span');
      const key = document.createElement('kbd');
      key.textContent = keys;
      item.append(key, ' ' + action);
      hint.appendChild(item);
    }
    document.querySelector('.reveal').appendChild(hint);
  }

  function showHint(seconds) {
    hint.classList.add('lp-visible');
    window.clearTimeout(hintTimer);
    hintTimer = seconds ? window.setTimeout(hideHint, seconds * 1000) : 0;
  }

  function hideHint() {
    window.clearTimeout(hintTimer);
    hintTimer = 0;
    hint.classList.remove('lp-visible');
  }

  function toggleHint() {
    if (hint.classList.contains('lp-visible')) hideHint();
    else showHint(0);
  }

  // -- self-study on screen: the captions, the start card, a word on the mode ---------------
  let captions = null;
  let card = null;
  let toast = null;
  let toastTimer = 0;

  function overlay(className, role) {
    const box = document.createElement('div');
    box.className = className;
    if (role) box.setAttribute('role', role);
    document.querySelector('.reveal').appendChild(box);
    return box;
  }

  function makeStudyScreen(hasWords) {
    captions = overlay('lp-captions');
    captions.setAttribute('aria-live', 'off'); // the voice says them already
    card = overlay('lp-card', 'note');
    const title = document.createElement('strong');
    title.textContent = hasWords
      ? 'Press any key to start the narrated lecture'
      : 'Press any key to start the lecture';
    const more = document.createElement('span');
    more.textContent =
      'Each slide speaks, with captions, and moves on by itself. ' +
      'P pauses, ← goes back, N switches to presenting (silent).';
    card.append(title, more);
    const paused = overlay('lp-paused-badge');
    paused.textContent = 'Paused · P to resume';
    toast = overlay('lp-toast', 'status');
  }

  function showCaption(text) {
    if (!captions) return;
    if (captions.textContent !== text) captions.textContent = text;
    captions.classList.toggle('lp-visible', text !== '');
  }

  function showCard(visible) {
    if (card) card.classList.toggle('lp-visible', visible);
  }

  function showToast(text) {
    if (!toast) return;
    toast.textContent = text;
    toast.classList.add('lp-visible');
    window.clearTimeout(toastTimer);
    toastTimer = window.setTimeout(() => toast.classList.remove('lp-visible'), TOAST_SECONDS * 1000);
  }

  /** reveal.js's help (?) lists N, P and H among its own navigation keys: here they are ours
   * (listed below them with what they do), so take them out of its lines. */
  function tidyHelp(reveal) {
    const ours = new Set(['N', 'P', 'H']);
    const observer = new MutationObserver(() => {
      const table = reveal.getRevealElement().querySelector('.r-overlay-help table');
      if (!table || table.dataset.lpTidy) return;
      table.dataset.lpTidy = '1';
      for (const row of table.querySelectorAll('tr')) {
        const cell = row.querySelector('td');
        if (!cell || !cell.textContent.includes(',')) continue;
        const keys = cell.textContent.split(',').map((k) => k.trim());
        const left = keys.filter((k) => !ours.has(k));
        if (left.length !== keys.length) cell.textContent = left.join('  ,  ');
      }
    });
    observer.observe(reveal.getRevealElement(), { childList: true, subtree: true });
  }

  /** Say something on the projected screen until the first move after `MESSAGE_SECONDS`. */
  function showMessage(text) {
    let box = document.querySelector('.lp-message');
    if (!box) {
      box = document.createElement('div');
      box.className = 'lp-message';
      box.setAttribute('role', 'alert');
      document.querySelector('.reveal').appendChild(box);
      const shown = Date.now();
      const hide = () => {
        if (Date.now() - shown < MESSAGE_SECONDS * 1000) return;
        box.remove();
        Reveal.off('slidechanged', hide);
      };
      Reveal.on('slidechanged', hide);
    }
    box.textContent = text;
  }

  // -- start ---------------------------------------------------------------------------------
  function start(reveal) {
    const player = new Player(reveal);
    window.lecturePlayer = player; // for the tests and the curious
    if (upcomingPreview) {
      // the speaker view's "upcoming" preview: the next slide's finished picture (its poster)
      player.stage.classList.add('lp-off');
      return player;
    }
    if (!inSpeakerView) {
      makeHint();
      makeStudyScreen(player.hasWords);
    }
    player.start();
    if (!inSpeakerView) {
      tidyHelp(reveal);
      reveal.addKeyBinding({ keyCode: KEY_H, key: 'H', description: 'Show or hide the key hint' }, toggleHint);
      reveal.addKeyBinding(
        { keyCode: KEY_N, key: 'N', description: 'Narrated self-study on/off' },
        () => player.setMode(player.studying() ? PRESENT : STUDY, true)
      );
      reveal.addKeyBinding(
        { keyCode: KEY_P, key: 'P', description: 'Pause or resume' },
        () => player.togglePause()
      );
      showHint(HINT_SECONDS);
      // the first move hides the hint shown at start; H brings it back until H again
      reveal.on('slidechanged', () => {
        if (hintTimer) hideHint();
      });
    }
    return player;
  }

  window.LecturePlayer = { start: start, KEYS: KEYS };
})();
