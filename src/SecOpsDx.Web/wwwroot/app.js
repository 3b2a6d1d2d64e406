// Behaviour the pages need before (or without) the live connection, kept out of the markup so that the
// Content-Security-Policy can forbid inline script.

// On a narrow screen the menu folds behind a toggle; following one of its links folds it again.
document.addEventListener('click', event => {
    if (event.target instanceof Element && event.target.closest('#nav-panel a')) {
        const toggle = document.getElementById('nav-toggle');
        if (toggle) toggle.checked = false;
    }
});

// The policy editor's preview follows the text: after a short pause in typing, the text area reports its change,
// so the whole text crosses the connection once per pause rather than once per keystroke.
document.addEventListener('input', event => {
    const area = event.target;
    if (!(area instanceof HTMLTextAreaElement) || !area.hasAttribute('data-live-preview')) return;
    clearTimeout(area.previewTimer);
    area.previewTimer = setTimeout(() => area.dispatchEvent(new Event('change', { bubbles: true })), 500);
});

// A print button works with or without the live connection.
document.addEventListener('click', event => {
    if (event.target instanceof Element && event.target.closest('[data-print-page]')) window.print();
});
