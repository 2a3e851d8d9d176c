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
 */
(function () {
  'use strict';

  /** The keys the hint shows, in order: [keys, what they do]. */
  const KEYS = [
    ['→ or Space', 'next'],
    ['←', 'back (finished picture)'],
    ['S', 'speaker notes'],
    ['F', 'full screen'],
    ['Esc', 'all slides'],
    ['B', 'black screen'],
    ['H', 'this hint'],
  ];
  const HINT_SECONDS = 8;
  const MESSAGE_SECONDS = 10;
  const KEEP = 1; // clips kept loaded on each side of the current slide
  const H264 = 'video/mp4; codecs="avc1.640028"';
  const NO_H264 =
    'This browser cannot play the slides\u2019 H.264 video, so each slide shows its finished ' +
    'picture. To see the animations: on Linux install ffmpeg (Debian/Ubuntu: sudo apt-get ' +
    'install ffmpeg, then restart Firefox), or open this file in Chrome, Chromium or Edge.';

  const search = new URLSearchParams(window.location.search);
  const inSpeakerView = search.has('receiver');
  const upcomingPreview = inSpeakerView && search.get('controls') === 'false';

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
      this.stage = document.createElement('div');
      this.stage.className = 'lp-stage';
      this.stage.style.setProperty('--lp-background', this.background());
      const backgrounds = reveal.getBackgroundsElement();
      backgrounds.parentNode.insertBefore(this.stage, backgrounds.nextSibling);
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

    /** Show slide `index`: 'play' its clip from the first frame, or show its 'end'. */
    go(index, how) {
      const request = ++this.request;
      this.index = index;
      if (this.failed) return;
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
    }

    start() {
      const reveal = this.reveal;
      reveal.on('slidechanged', () => this.onSlideChanged());
      reveal.on('overviewshown', () => {
        this.stage.classList.add('lp-off');
        if (this.shown) this.shown.pause();
      });
      reveal.on('overviewhidden', () => {
        if (!this.failed) this.stage.classList.remove('lp-off');
        this.index = -1; // back from the overview: the finished picture, never a replay
        this.go(this.current(), 'end');
      });
      const first = this.current();
      const fresh = first === 0 && !inSpeakerView;
      this.index = fresh ? -1 : first;
      this.go(first, fresh ? 'play' : 'end');
      if (!inSpeakerView && document.createElement('video').canPlayType(H264) === '') {
        this.failed = true;
        this.display(null);
        this.stage.classList.add('lp-off');
        showMessage(NO_H264);
      }
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
    player.start();
    if (!inSpeakerView) {
      makeHint();
      reveal.addKeyBinding({ keyCode: 72, key: 'H', description: 'Show or hide the key hint' }, toggleHint);
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
