// Updates a field's character counter on every input event in the browser, so that counting costs no round trip
// to the server (a long value is sent once, when the field changes). After each render of the counter the count is
// read again from the field itself: a form that saved and emptied the field shows 0, not what was typed before.
export function watch(counter, fieldId) {
    const field = document.getElementById(fieldId);
    if (!counter || !field) return;
    const limit = Number(counter.dataset.limit);
    const update = () => {
        const current = document.getElementById(fieldId) || field;
        const length = current.value.length;
        const count = counter.querySelector('[data-count]');
        if (count) count.textContent = length.toLocaleString('en-US');
        counter.classList.toggle('text-danger', length > limit);
        counter.classList.toggle('fw-semibold', length > limit);
    };
    field.addEventListener('input', update);
    counter.refreshCount = update;
    counter.stopWatching = () => field.removeEventListener('input', update);
    update();
}

export function refresh(counter) {
    if (counter && counter.refreshCount) counter.refreshCount();
}

export function unwatch(counter) {
    if (counter && counter.stopWatching) counter.stopWatching();
}
