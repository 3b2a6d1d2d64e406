// Updates a field's character counter on every input event in the browser, so that counting costs no round trip
// to the server (a long value is sent once, when the field changes).
export function watch(counter, fieldId) {
    const field = document.getElementById(fieldId);
    if (!counter || !field) return;
    const limit = Number(counter.dataset.limit);
    const count = counter.querySelector('[data-count]');
    const update = () => {
        const length = field.value.length;
        count.textContent = length.toLocaleString('en-US');
        counter.classList.toggle('text-danger', length > limit);
        counter.classList.toggle('fw-semibold', length > limit);
    };
    field.addEventListener('input', update);
    counter.stopWatching = () => field.removeEventListener('input', update);
    update();
}

export function unwatch(counter) {
    if (counter && counter.stopWatching) counter.stopWatching();
}
