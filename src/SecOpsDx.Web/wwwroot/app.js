// Behaviour the pages need before (or without) the live connection, kept out of the markup so that the
// Content-Security-Policy can forbid inline script.

// On a narrow screen the menu folds behind a toggle; following one of its links folds it again.
document.addEventListener('click', event => {
    if (event.target instanceof Element && event.target.closest('#nav-panel a')) {
        const toggle = document.getElementById('nav-toggle');
        if (toggle) toggle.checked = false;
    }
});
