// An example of a host page driving an Interaction Lab embed (see embed.html):
// - each section with data-step (and data-branch) moves the embed there when it scrolls into
//   the reading band, with an `interaction-lab:goto` message;
// - the frame takes the height the embed reports (`interaction-lab:height`);
// - the section that matches the embed's step (`interaction-lab:step`) is marked, whoever moved it.
// `?theme=light|dark` on this page passes the theme on to the embed.
const frame = document.getElementById('lab');
const sections = [...document.querySelectorAll('[data-step]')];

const theme = new URLSearchParams(location.search).get('theme');
if (theme === 'light' || theme === 'dark') {
  document.documentElement.dataset.theme = theme;
  const src = new URL(frame.src);
  src.searchParams.set('theme', theme);
  frame.src = src.href;
}
const embedOrigin = new URL(frame.src).origin;

/** Where the prose wants the embed; sent once the embed says it is live. */
let wanted = null;
let live = false;

function goto(section) {
  wanted = { type: 'interaction-lab:goto', step: Number(section.dataset.step) };
  if (section.dataset.branch) wanted.branch = section.dataset.branch;
  // The host knows the embed's origin, so it names it: the message can go nowhere else.
  if (live) frame.contentWindow.postMessage(wanted, embedOrigin);
}

window.addEventListener('message', (event) => {
  if (event.origin !== embedOrigin || event.source !== frame.contentWindow) return;
  const data = event.data || {};
  if (data.type === 'interaction-lab:height' && Number.isFinite(data.height)) {
    frame.height = String(Math.ceil(data.height));
  } else if (data.type === 'interaction-lab:step') {
    // The first step message says the embed is live: send what the reader scrolled to so far.
    if (!live) {
      live = true;
      if (wanted) frame.contentWindow.postMessage(wanted, embedOrigin);
    }
    for (const section of sections) {
      const here =
        Number(section.dataset.step) === data.step &&
        (section.dataset.branch ?? data.branch) === data.branch;
      section.classList.toggle('current', here);
    }
  }
});

// A section drives the embed when it enters the reading band, from 60% to 85% of the window's
// height: below the embed where it sits on top of the prose (a narrow screen), and low enough
// beside it that a reader has just reached the section.
const observer = new IntersectionObserver(
  (entries) => {
    for (const entry of entries) if (entry.isIntersecting) goto(entry.target);
  },
  { rootMargin: '-60% 0px -15% 0px' }
);
for (const section of sections) observer.observe(section);
