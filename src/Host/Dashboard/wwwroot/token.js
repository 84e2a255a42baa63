// Asks for the server's token in a modal dialog. The dialog stays until a token is given: without
// one, nothing on the page can be read.

/** A prompt for api.js: (refused) => Promise<string>. */
export function tokenPrompt(dialog) {
  const form = dialog.querySelector('form');
  const input = form.elements.namedItem('token');
  const message = dialog.querySelector('.message');
  dialog.addEventListener('cancel', event => event.preventDefault());
  return refused => new Promise(resolve => {
    message.textContent = refused
      ? 'The server refused that token. Enter the token from its --token-file.'
      : 'This server needs a token: the contents of the file given to serve --token-file.';
    input.value = '';
    form.onsubmit = event => {
      event.preventDefault();
      const token = input.value.trim();
      if (token === '') return;
      dialog.close();
      resolve(token);
    };
    dialog.showModal();
    input.focus();
  });
}
